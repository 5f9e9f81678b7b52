/**
 * When to try an outbound send again: exponential backoff with jitter, the provider's Retry-After
 * first, and a limit on attempts and on age after which a retryable failure is final. Pure: the
 * caller passes the time and the random source.
 */

export interface RetryPolicy {
  /** Backoff before the second attempt; doubles with each attempt after that. */
  baseDelayMs: number;
  /** Longest backoff (a provider's Retry-After may ask for longer, and is honoured). */
  maxDelayMs: number;
  /** Attempts in all; a retryable failure of the last one is final. */
  maxAttempts: number;
  /** No attempt starts later than this after the job was created. */
  maxAgeMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  maxAttempts: 10,
  maxAgeMs: 24 * 60 * 60_000,
};

/** The part of a failed send the policy reads (a subset of the channels' `SendFailure`). */
export interface RetryableFailure {
  retryable: boolean;
  /** The provider's Retry-After, in ms from now. */
  retryAfterMs?: number;
}

export type RetryDecision =
  | { retry: true; at: number }
  | { retry: false; why: 'permanent' | 'max_attempts' | 'max_age' };

export interface RetryInput {
  /** Attempts made so far, the failed one included (≥ 1). */
  attempts: number;
  failure: RetryableFailure;
  now: number;
  /** When the job was created, for `maxAgeMs`. */
  createdAt: number;
}

/**
 * The next attempt's time, or why there is none. The backoff for attempt n+1 is drawn uniformly
 * from [d/2, d] with d = min(maxDelay, base·2^(n−1)) ("equal jitter": spread out, never near zero);
 * a Retry-After replaces it. `random` returns a number in [0, 1).
 */
export function nextAttemptAt(input: RetryInput, policy: RetryPolicy, random: () => number): RetryDecision {
  const { attempts, failure, now, createdAt } = input;
  if (!failure.retryable) return { retry: false, why: 'permanent' };
  if (attempts >= policy.maxAttempts) return { retry: false, why: 'max_attempts' };
  const at = now + (failure.retryAfterMs !== undefined ? Math.max(0, failure.retryAfterMs) : backoffMs(attempts, policy, random));
  if (at > createdAt + policy.maxAgeMs) return { retry: false, why: 'max_age' };
  return { retry: true, at };
}

function backoffMs(attempts: number, policy: RetryPolicy, random: () => number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 40);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}
