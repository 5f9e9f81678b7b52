import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock, TokenBuckets, TypingGate } from '../src/index';

describe('TokenBuckets', () => {
  it('allows a burst, then one action per refill interval, per key', () => {
    const clock = new ManualClock(1_000);
    const b = new TokenBuckets({ burst: 3, perSecond: 2 }, clock);
    expect([b.take('x'), b.take('x'), b.take('x'), b.take('x')]).toEqual([true, true, true, false]);
    expect(b.take('y')).toBe(true); // keys are independent
    expect(b.waitMs('x')).toBe(500);
    clock.advance(499);
    expect(b.take('x')).toBe(false);
    clock.advance(1);
    expect(b.take('x')).toBe(true);
    expect(b.take('x')).toBe(false);
    clock.advance(60_000); // refills to the burst, never beyond
    expect([b.take('x'), b.take('x'), b.take('x'), b.take('x')]).toEqual([true, true, true, false]);
  });

  it('a clock that steps back refills nothing and takes nothing extra', () => {
    const clock = new ManualClock(10_000);
    const b = new TokenBuckets({ burst: 1, perSecond: 1 }, clock);
    expect(b.take('x')).toBe(true);
    clock.set(5_000);
    expect(b.take('x')).toBe(false);
    clock.set(10_999);
    expect(b.take('x')).toBe(false);
    clock.set(11_000);
    expect(b.take('x')).toBe(true);
  });

  it('forgets full buckets when pruned: memory follows active keys, not every key ever seen', () => {
    const clock = new ManualClock(0);
    const b = new TokenBuckets({ burst: 2, perSecond: 1 }, clock);
    for (let i = 0; i < 5_000; i++) {
      b.take(`k${i}`);
      clock.advance(1_000); // each key is back to full a second later
    }
    expect(b.size).toBeLessThanOrEqual(1_024);
    b.take('busy');
    b.take('busy');
    b.prune();
    expect(b.size).toBe(1); // only the bucket that isn't full
    expect(b.take('busy')).toBe(false);
  });

  it('over any schedule, never allows more than burst + perSecond × elapsed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 10 }),
        fc.array(fc.integer({ min: 0, max: 700 }), { maxLength: 300 }),
        (burst, perSecond, steps) => {
          const clock = new ManualClock(0);
          const b = new TokenBuckets({ burst, perSecond }, clock);
          let allowed = 0;
          for (const step of steps) {
            clock.advance(step);
            if (b.take('k')) allowed++;
          }
          expect(allowed).toBeLessThanOrEqual(burst + Math.floor((clock.now() * perSecond) / 1000));
        },
      ),
    );
  });

  it('a token given back can be taken again, never beyond the burst', () => {
    const clock = new ManualClock(0);
    const b = new TokenBuckets({ burst: 2, perSecond: 0 }, clock);
    expect(b.take('k')).toBe(true);
    expect(b.take('k')).toBe(true);
    expect(b.take('k')).toBe(false);
    b.giveBack('k');
    expect(b.take('k')).toBe(true);
    b.giveBack('k');
    b.giveBack('k');
    b.giveBack('k');
    expect([b.take('k'), b.take('k'), b.take('k')]).toEqual([true, true, false]);
  });

  it('refuses a rule that allows nothing', () => {
    expect(() => new TokenBuckets({ burst: 0, perSecond: 1 }, new ManualClock())).toThrow(RangeError);
  });
});

describe('TypingGate', () => {
  it('drops starts past the rate, and passes a stop only after a start that passed', () => {
    const clock = new ManualClock(0);
    const g = new TypingGate({ burst: 2, perSecond: 1 }, clock);
    expect(g.allow('c', false)).toBe(false); // nothing shown: nothing to stop
    expect(g.allow('c', true)).toBe(true);
    expect(g.allow('c', true)).toBe(true);
    expect(g.allow('c', true)).toBe(false);
    expect(g.allow('c', false)).toBe(true); // the indicator never stays on
    expect(g.allow('c', false)).toBe(false);
    expect(g.allow('c', true)).toBe(false);
    clock.advance(1_000);
    expect(g.allow('c', true)).toBe(true);
  });

  it('a flood of alternating frames passes at most two per token', () => {
    const clock = new ManualClock(0);
    const g = new TypingGate({ burst: 3, perSecond: 0 }, clock);
    let passed = 0;
    for (let i = 0; i < 1_000; i++) if (g.allow('c', i % 2 === 0)) passed++;
    expect(passed).toBe(6);
  });
});
