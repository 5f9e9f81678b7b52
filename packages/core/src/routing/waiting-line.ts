/**
 * A queue's waiting conversations in order of arrival, O(1) to add, remove and read the head
 * whatever its length. Conversations coming back (a re-offer after RONA) keep their place by
 * `queuedAt` in a small sorted side list instead of going to the back.
 */
export class WaitingLine {
  private arrivals = new Map<string, number>();
  private returned: { id: string; queuedAt: number }[] = [];
  /** Latest `queuedAt` appended; may outlive its entry, which only sends more returns to the side list. */
  private lastAppendedAt = -Infinity;

  get size(): number {
    return this.arrivals.size + this.returned.length;
  }

  has(id: string): boolean {
    return this.arrivals.has(id) || this.returned.some((r) => r.id === id);
  }

  /** A new arrival: the back of the line. */
  append(id: string, queuedAt: number): void {
    this.arrivals.set(id, queuedAt);
    if (queuedAt > this.lastAppendedAt) this.lastAppendedAt = queuedAt;
  }

  /** Back into line at the place its `queuedAt` earns. */
  restore(id: string, queuedAt: number): void {
    // Strictly newer only: one that arrived in the same millisecond as the last arrival was there
    // before it, so it goes to the side list, which `head` puts ahead of equal arrivals.
    if (queuedAt > this.lastAppendedAt) {
      this.append(id, queuedAt);
      return;
    }
    let i = this.returned.length;
    while (i > 0 && this.returned[i - 1]!.queuedAt > queuedAt) i--;
    this.returned.splice(i, 0, { id, queuedAt });
  }

  remove(id: string): void {
    if (this.arrivals.delete(id)) return;
    const i = this.returned.findIndex((r) => r.id === id);
    if (i >= 0) this.returned.splice(i, 1);
  }

  /** The first `limit` conversations in line, oldest first. */
  head(limit: number): { id: string; queuedAt: number }[] {
    const out: { id: string; queuedAt: number }[] = [];
    const it = this.arrivals.entries();
    let next = it.next();
    let r = 0;
    while (out.length < limit) {
      const ret = this.returned[r];
      if (next.done && !ret) break;
      if (ret && (next.done || ret.queuedAt <= next.value[1])) {
        out.push(ret);
        r++;
      } else if (!next.done) {
        out.push({ id: next.value[0], queuedAt: next.value[1] });
        next = it.next();
      }
    }
    return out;
  }
}
