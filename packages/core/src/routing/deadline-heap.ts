/** A binary min-heap of deadlines. Stale entries are skipped by the caller (lazy deletion). */
export interface Deadline {
  at: number;
  conversationId: string;
  kind: 'offer' | 'max-wait' | 'abandon';
}

/** Time first; ties in a fixed order, so a restored engine fires same-millisecond deadlines as the original did. */
function before(x: Deadline, y: Deadline): boolean {
  if (x.at !== y.at) return x.at < y.at;
  if (x.conversationId !== y.conversationId) return x.conversationId < y.conversationId;
  return x.kind < y.kind;
}

export class DeadlineHeap {
  private items: Deadline[] = [];

  get size(): number {
    return this.items.length;
  }

  push(d: Deadline): void {
    const a = this.items;
    a.push(d);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i]!, a[p]!)) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }

  peek(): Deadline | undefined {
    return this.items[0];
  }

  pop(): Deadline | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l]!, a[m]!)) m = l;
        if (r < a.length && before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}
