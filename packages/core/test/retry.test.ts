import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextAttemptAt, type RetryPolicy } from '../src/index';

const policy: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 8, maxAgeMs: 3_600_000 };
const transient = { retryable: true };

describe('nextAttemptAt', () => {
  it('backs off exponentially within [d/2, d], capped at the max delay', () => {
    const at = (attempts: number, r: number) => nextAttemptAt({ attempts, failure: transient, now: 10_000, createdAt: 10_000 }, policy, () => r);
    expect(at(1, 0)).toEqual({ retry: true, at: 10_500 });
    expect(at(1, 0.999_999)).toEqual({ retry: true, at: 11_000 });
    expect(at(2, 0)).toEqual({ retry: true, at: 11_000 });
    expect(at(3, 0.5)).toEqual({ retry: true, at: 13_000 });
    expect(at(7, 0)).toEqual({ retry: true, at: 40_000 }); // 64 s capped to 60 s, half of it
  });

  it('honours Retry-After instead of its own backoff, even beyond the max delay', () => {
    const d = nextAttemptAt({ attempts: 1, failure: { retryable: true, retryAfterMs: 120_000 }, now: 0, createdAt: 0 }, policy, () => 0);
    expect(d).toEqual({ retry: true, at: 120_000 });
  });

  it('a permanent failure is final at once; a retryable one after max attempts or max age', () => {
    const input = { attempts: 1, now: 0, createdAt: 0 };
    expect(nextAttemptAt({ ...input, failure: { retryable: false } }, policy, () => 0)).toEqual({ retry: false, why: 'permanent' });
    expect(nextAttemptAt({ ...input, attempts: 8, failure: transient }, policy, () => 0)).toEqual({ retry: false, why: 'max_attempts' });
    const old = { attempts: 2, now: 3_599_500, createdAt: 0, failure: transient };
    expect(nextAttemptAt(old, policy, () => 0)).toEqual({ retry: false, why: 'max_age' });
  });

  it('for any failure: never before now (nor before Retry-After), never past the limits, same inputs → same answer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempts, retryable, retryAfterMs, createdAt, age, r) => {
          const failure = retryAfterMs === undefined ? { retryable } : { retryable, retryAfterMs };
          const input = { attempts, failure, now: createdAt + age, createdAt };
          const d = nextAttemptAt(input, policy, () => r);
          expect(nextAttemptAt(input, policy, () => r)).toEqual(d);
          if (!retryable || attempts >= policy.maxAttempts) {
            expect(d.retry).toBe(false);
            return;
          }
          if (!d.retry) {
            expect(d.why).toBe('max_age');
            return;
          }
          expect(d.at).toBeLessThanOrEqual(createdAt + policy.maxAgeMs);
          if (retryAfterMs !== undefined) {
            expect(d.at).toBe(input.now + retryAfterMs);
            return;
          }
          const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1));
          expect(d.at - input.now).toBeGreaterThanOrEqual(ceiling / 2);
          expect(d.at - input.now).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });
});
