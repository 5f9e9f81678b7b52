import type { Logger } from 'pino';
import type { Clock } from '@parley/core';

/**
 * Wakes the router at its next deadline (offer timeout, max wait, abandoned chat). Deadlines live in the database
 * with the conversations, so after a restart the first tick applies everything that passed.
 */
export class DeadlineScheduler {
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Infinity;
  private running = false;
  private stopped = false;

  constructor(
    private readonly tick: () => Promise<void>,
    private readonly nextDeadline: () => number | undefined,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** Longest sleep, so a missed re-arm can never stall timers for long. */
    private readonly maxSleepMs = 1000,
  ) {}

  start(): void {
    void this.run();
  }

  /** Called after every change: re-arm if a nearer deadline appeared. */
  poke(): void {
    if (this.stopped || this.running) return;
    const next = this.nextDeadline();
    if (next !== undefined && next < this.armedFor) this.arm();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private arm(): void {
    clearTimeout(this.timer);
    const now = this.clock.now();
    const next = this.nextDeadline();
    const delay = Math.max(0, Math.min(next === undefined ? this.maxSleepMs : next - now, this.maxSleepMs));
    this.armedFor = now + delay;
    this.timer = setTimeout(() => void this.run(), delay);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    if (this.stopped) return;
    this.running = true;
    try {
      await this.tick();
    } catch (err) {
      this.log.error({ err }, 'deadline tick failed');
    } finally {
      this.running = false;
    }
    if (!this.stopped) this.arm();
  }
}
