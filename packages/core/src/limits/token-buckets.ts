import type { Clock } from '../domain/clock';

/** `burst` actions at once, then `perSecond` more each second. */
export interface RateRule {
  burst: number;
  perSecond: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

const MIN_PRUNE_SIZE = 1024;

/**
 * One token bucket per key (a chat session, an agent in a conversation): an action takes a token
 * or is refused. Time comes from the injected clock, so the outcome is deterministic.
 */
export class TokenBuckets<K = string> {
  private buckets = new Map<K, Bucket>();
  private pruneAtSize = MIN_PRUNE_SIZE;

  constructor(
    readonly rule: RateRule,
    private readonly clock: Clock,
  ) {
    if (!(rule.burst >= 1) || !(rule.perSecond >= 0)) throw new RangeError(`A rate needs burst ≥ 1 and perSecond ≥ 0, got ${JSON.stringify(rule)}`);
  }

  /** Takes a token for `key`; false (and nothing taken) when its bucket is empty. */
  take(key: K): boolean {
    const now = this.clock.now();
    const b = this.current(key, now);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Returns a token taken for an action that then did not happen (never above the burst). */
  giveBack(key: K): void {
    const b = this.buckets.get(key);
    if (b) b.tokens = Math.min(this.rule.burst, this.refilled(b, this.clock.now()) + 1);
  }

  /** Milliseconds until `key` has a token again (0 when it has one now). */
  waitMs(key: K): number {
    const b = this.buckets.get(key);
    const tokens = b ? this.refilled(b, this.clock.now()) : this.rule.burst;
    if (tokens >= 1) return 0;
    if (this.rule.perSecond === 0) return Infinity;
    return Math.ceil(((1 - tokens) / this.rule.perSecond) * 1000);
  }

  /** Keys held in memory (full buckets are forgotten as the map grows). */
  get size(): number {
    return this.buckets.size;
  }

  /** Forgets every full bucket: a full bucket and no bucket behave the same. */
  prune(): void {
    const now = this.clock.now();
    for (const [key, b] of this.buckets) if (this.refilled(b, now) >= this.rule.burst) this.buckets.delete(key);
    this.pruneAtSize = Math.max(MIN_PRUNE_SIZE, this.buckets.size * 2);
  }

  private current(key: K, now: number): Bucket {
    let b = this.buckets.get(key);
    if (b) {
      b.tokens = this.refilled(b, now);
      b.at = Math.max(b.at, now);
      return b;
    }
    if (this.buckets.size >= this.pruneAtSize) this.prune();
    b = { tokens: this.rule.burst, at: now };
    this.buckets.set(key, b);
    return b;
  }

  private refilled(b: Bucket, now: number): number {
    const elapsed = Math.max(0, now - b.at);
    return Math.min(this.rule.burst, b.tokens + (elapsed / 1000) * this.rule.perSecond);
  }
}

/**
 * Typing indicators, which are advisory: a "typing" takes a token (excess is dropped), and a "stopped"
 * passes only when a "typing" passed before it, so a dropped frame never leaves an indicator stuck on.
 * A flood therefore reaches the other side at most twice per token.
 */
export class TypingGate<K = string> {
  private readonly starts: TokenBuckets<K>;
  private readonly shown = new Set<K>();

  constructor(rule: RateRule, clock: Clock) {
    this.starts = new TokenBuckets(rule, clock);
  }

  /** Whether this typing frame should be passed on. */
  allow(key: K, typing: boolean): boolean {
    if (!typing) return this.shown.delete(key);
    if (!this.starts.take(key)) return false;
    this.shown.add(key);
    return true;
  }
}
