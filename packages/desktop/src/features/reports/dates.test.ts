import { describe, expect, it } from 'vitest';
import { addDays, dayIn, durationParts, isDay } from './dates';

describe('report days and durations', () => {
  it('today in the browser zone, stepping across months and leap days, real days only', () => {
    const t = Date.UTC(2026, 10, 27, 20);
    expect([dayIn('UTC', t), dayIn('Asia/Shanghai', t)]).toEqual(['2026-11-27', '2026-11-28']);
    expect([addDays('2026-03-01', -1), addDays('2028-02-28', 1), addDays('2026-12-31', 1)]).toEqual(['2026-02-28', '2028-02-29', '2027-01-01']);
    expect([isDay('2026-11-27'), isDay('2026-02-30'), isDay(''), isDay('2026-1-1')]).toEqual([true, false, false, false]);
  });

  it('seconds with a decimal under a minute, then minutes and seconds, then hours and minutes', () => {
    expect(durationParts(340)).toEqual({ unit: 'seconds', s: '0.3' });
    expect(durationParts(59_940)).toEqual({ unit: 'seconds', s: '59.9' });
    expect(durationParts(59_960)).toEqual({ unit: 'minutes', m: 1, s: '00' });
    expect(durationParts(65_000)).toEqual({ unit: 'minutes', m: 1, s: '05' });
    expect(durationParts(3_725_000)).toEqual({ unit: 'hours', h: 1, m: '02' });
  });
});
