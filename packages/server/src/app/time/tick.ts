import type { AppCore } from '../core';

/**
 * Time-driven routing: offer timeouts (RONA), max waits and abandoned chats. The scheduler asks
 * for the next deadline, sleeps until it, and calls `tick`; every applied outcome pokes it.
 */
export class Deadlines {
  constructor(private readonly core: AppCore) {}

  /** Applies every passed deadline. */
  async tick(): Promise<void> {
    const outcome = this.core.engine.tick(this.core.now);
    if (outcome.events.length || outcome.conversations.length) await this.core.apply(outcome);
  }

  nextDeadline(): number | undefined {
    return this.core.engine.nextDeadline();
  }

  /** `fn` runs after every stored outcome: deadlines may have moved. */
  onDeadlines(fn: () => void): void {
    this.core.onApplied = fn;
  }
}
