/**
 * Runs tasks one at a time per key, in arrival order; different keys run concurrently. Two webhook
 * deliveries from the same customer (a retry racing the original, or two messages) must not both
 * open a conversation.
 */
export class KeyedSerial {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      // The last task of this key: forget it, so the map holds only keys with work pending.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
