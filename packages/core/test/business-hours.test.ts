/**
 * A queue's business hours: open or closed at an instant, and the next opening, on the zone's own
 * wall clock (daylight saving days in Paris and New York, ranges past midnight, closed dates, 24:00).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessHoursProblems, isOpen, nextOpening, WEEKDAYS, type BusinessHours, type Weekday } from '../src/index';

const at = (iso: string) => Date.parse(iso);
const hours = (timezone: string, open: BusinessHours['open'], closedDates?: string[]): BusinessHours => ({
  timezone,
  open,
  ...(closedDates ? { closedDates } : {}),
  closedMessage: 'We are closed',
});
const weekdays = (from: string, to: string) => (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, from, to }));

describe('isOpen / nextOpening', () => {
  it('no hours: always open; no ranges: never opens', () => {
    expect(isOpen(undefined, 0)).toBe(true);
    expect(isOpen(null, 0)).toBe(true);
    expect(nextOpening(null, 5)).toBe(5);
    expect(isOpen(hours('UTC', []), at('2026-11-27T12:00:00Z'))).toBe(false);
    expect(nextOpening(hours('UTC', []), at('2026-11-27T12:00:00Z'))).toBeNull();
  });

  it('Paris weekdays 09:00–17:30 follow the offset on either side of the spring change', () => {
    const h = hours('Europe/Paris', weekdays('09:00', '17:30'));
    // Friday 27 March 2026: UTC+1.
    expect(isOpen(h, at('2026-03-27T07:59:59Z'))).toBe(false);
    expect(isOpen(h, at('2026-03-27T08:00:00Z'))).toBe(true);
    expect(isOpen(h, at('2026-03-27T16:29:59Z'))).toBe(true);
    expect(isOpen(h, at('2026-03-27T16:30:00Z'))).toBe(false);
    // Monday 30 March 2026: UTC+2 since Sunday.
    expect(isOpen(h, at('2026-03-30T06:59:59Z'))).toBe(false);
    expect(isOpen(h, at('2026-03-30T07:00:00Z'))).toBe(true);
    expect(isOpen(h, at('2026-03-30T15:30:00Z'))).toBe(false);
    // From Friday evening, the next opening is Monday 09:00 Paris time, after the change.
    expect(nextOpening(h, at('2026-03-27T16:30:00Z'))).toBe(at('2026-03-30T07:00:00Z'));
  });

  it('Paris, clocks forward (29 March 2026, 02:00 → 03:00): a range starting in the skipped hour opens at the jump; one inside it never opens', () => {
    const partly = hours('Europe/Paris', [{ day: 'sun', from: '02:30', to: '04:00' }]);
    expect(isOpen(partly, at('2026-03-29T00:59:59Z'))).toBe(false); // 01:59:59 CET
    expect(isOpen(partly, at('2026-03-29T01:00:00Z'))).toBe(true); // 03:00 CEST
    expect(nextOpening(partly, at('2026-03-28T12:00:00Z'))).toBe(at('2026-03-29T01:00:00Z'));
    expect(isOpen(partly, at('2026-03-29T02:00:00Z'))).toBe(false); // 04:00 CEST

    const inside = hours('Europe/Paris', [{ day: 'sun', from: '02:00', to: '02:45' }]);
    expect(nextOpening(inside, at('2026-03-28T12:00:00Z'))).toBe(at('2026-04-05T00:00:00Z')); // next Sunday 02:00 CEST
  });

  it('Paris, clocks back (25 October 2026, 03:00 → 02:00): a range in the repeated hour is open twice', () => {
    const h = hours('Europe/Paris', [{ day: 'sun', from: '02:00', to: '02:30' }]);
    expect(isOpen(h, at('2026-10-25T00:15:00Z'))).toBe(true); // 02:15 CEST
    expect(isOpen(h, at('2026-10-25T00:45:00Z'))).toBe(false); // 02:45 CEST
    expect(isOpen(h, at('2026-10-25T01:15:00Z'))).toBe(true); // 02:15 CET
    expect(nextOpening(h, at('2026-10-25T00:45:00Z'))).toBe(at('2026-10-25T01:00:00Z'));
    expect(nextOpening(h, at('2026-10-24T12:00:00Z'))).toBe(at('2026-10-25T00:00:00Z'));
  });

  it('New York: a whole Sunday lasts 23 hours on 8 March 2026 and 25 on 1 November 2026', () => {
    const sunday = hours('America/New_York', [{ day: 'sun', from: '00:00', to: '24:00' }]);
    expect(nextOpening(sunday, at('2026-03-07T12:00:00Z'))).toBe(at('2026-03-08T05:00:00Z')); // 00:00 EST
    expect(isOpen(sunday, at('2026-03-08T06:59:59Z'))).toBe(true); // 01:59:59 EST
    expect(isOpen(sunday, at('2026-03-08T07:00:00Z'))).toBe(true); // 03:00 EDT
    expect(isOpen(sunday, at('2026-03-09T03:59:59Z'))).toBe(true); // 23:59:59 EDT
    expect(isOpen(sunday, at('2026-03-09T04:00:00Z'))).toBe(false); // Monday 00:00 EDT
    expect(isOpen(sunday, at('2026-11-01T04:00:00Z'))).toBe(true); // 00:00 EDT
    expect(isOpen(sunday, at('2026-11-02T04:59:59Z'))).toBe(true); // 23:59:59 EST
    expect(isOpen(sunday, at('2026-11-02T05:00:00Z'))).toBe(false);

    const repeated = hours('America/New_York', [{ day: 'sun', from: '01:00', to: '01:30' }]);
    expect(isOpen(repeated, at('2026-11-01T05:15:00Z'))).toBe(true); // 01:15 EDT
    expect(isOpen(repeated, at('2026-11-01T05:45:00Z'))).toBe(false); // 01:45 EDT
    expect(nextOpening(repeated, at('2026-11-01T05:45:00Z'))).toBe(at('2026-11-01T06:00:00Z')); // 01:00 EST
    expect(isOpen(hours('America/New_York', weekdays('09:00', '17:00')), at('2026-11-02T14:00:00Z'))).toBe(true); // Monday 09:00 EST
  });

  it('a night shift past midnight is two ranges, and 24:00 closes at midnight', () => {
    const h = hours('Europe/Paris', [
      { day: 'fri', from: '22:00', to: '24:00' },
      { day: 'sat', from: '00:00', to: '02:00' },
    ]);
    expect(isOpen(h, at('2026-11-27T20:59:59Z'))).toBe(false); // Fri 21:59:59
    expect(isOpen(h, at('2026-11-27T21:00:00Z'))).toBe(true);
    expect(isOpen(h, at('2026-11-27T22:59:59Z'))).toBe(true);
    expect(isOpen(h, at('2026-11-27T23:00:00Z'))).toBe(true); // Sat 00:00
    expect(isOpen(h, at('2026-11-28T00:59:59Z'))).toBe(true);
    expect(isOpen(h, at('2026-11-28T01:00:00Z'))).toBe(false); // Sat 02:00
    expect(nextOpening(h, at('2026-11-27T12:00:00Z'))).toBe(at('2026-11-27T21:00:00Z'));
    expect(nextOpening(h, at('2026-11-28T01:00:00Z'))).toBe(at('2026-12-04T21:00:00Z'));
  });

  it('a closed date is a day of the queue’s time zone, not of UTC', () => {
    const h = hours('America/New_York', [{ day: 'fri', from: '00:00', to: '24:00' }, { day: 'sat', from: '00:00', to: '24:00' }], ['2026-12-25']);
    expect(isOpen(h, at('2026-12-26T03:00:00Z'))).toBe(false); // Christmas, 22:00 in New York
    expect(isOpen(h, at('2026-12-26T05:00:00Z'))).toBe(true); // Saturday 00:00 in New York
    expect(nextOpening(h, at('2026-12-25T12:00:00Z'))).toBe(at('2026-12-26T05:00:00Z'));
    const paris = hours('Europe/Paris', weekdays('09:00', '17:00'), ['2026-12-25']);
    expect(nextOpening(paris, at('2026-12-24T16:00:00Z'))).toBe(at('2026-12-28T08:00:00Z'));
  });
});

describe('businessHoursProblems', () => {
  it('names each bad field', () => {
    const bad = {
      timezone: 'Mars/Olympus',
      open: [
        { day: 'mon', from: '25:00', to: '10:00' },
        { day: 'tue', from: '10:00', to: '09:00' },
        { day: 'wed', from: '24:00', to: '24:00' },
      ],
      closedDates: ['2026-02-30', '25/12/2026'],
      closedMessage: '  ',
    } as BusinessHours;
    expect(businessHoursProblems(bad)).toEqual([
      expect.stringContaining('hours.timezone: "Mars/Olympus"'),
      expect.stringContaining('hours.open[0].from: "25:00"'),
      expect.stringContaining('hours.open[1].to: 09:00 must be after from (10:00)'),
      expect.stringContaining('hours.open[2].from: "24:00"'),
      expect.stringContaining('hours.closedDates[0]: "2026-02-30"'),
      expect.stringContaining('hours.closedDates[1]: "25/12/2026"'),
      expect.stringContaining('hours.closedMessage'),
    ]);
    expect(businessHoursProblems(hours('Europe/Paris', [{ day: 'sat', from: '22:00', to: '24:00' }], ['2026-12-25']))).toEqual([]);
    expect(businessHoursProblems({ ...hours('+01:00', []) })).toEqual([expect.stringContaining('hours.timezone')]);
  });
});

describe('properties', () => {
  const RUNS = Number(process.env.PROP_RUNS ?? 200);
  const zones = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];
  const hhmm = (m: number) => (m === 1440 ? '24:00' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  const range = fc
    .record({ day: fc.constantFrom<Weekday>(...WEEKDAYS), start: fc.integer({ min: 0, max: 95 }), length: fc.integer({ min: 1, max: 96 }) })
    .map(({ day, start, length }) => ({ day, from: hhmm(start * 15), to: hhmm(Math.min(96, start + length) * 15) }))
    .filter((r) => r.from !== r.to);
  const dateArb = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const hoursArb = fc.record({
    timezone: fc.constantFrom(...zones),
    open: fc.array(range, { minLength: 1, maxLength: 6 }),
    closedDates: fc.array(dateArb, { maxLength: 6 }),
    closedMessage: fc.constant('closed'),
  });
  const instant = fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z') });

  it('nextOpening is the first open instant: open there, closed everywhere between', () => {
    fc.assert(
      fc.property(hoursArb, instant, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }), (h, t, fractions) => {
        expect(businessHoursProblems(h)).toEqual([]);
        const n = nextOpening(h, t);
        expect(n).not.toBeNull();
        expect(n!).toBeGreaterThanOrEqual(t);
        expect(isOpen(h, n!)).toBe(true);
        if (n! > t) {
          expect(isOpen(h, n! - 1)).toBe(false);
          for (const f of fractions) expect(isOpen(h, t + Math.floor(f * (n! - t - 1)))).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('in UTC, open means the weekday and minute of the instant fall in a range', () => {
    fc.assert(
      fc.property(hoursArb, instant, (h0, t) => {
        const h = { ...h0, timezone: 'UTC' };
        const d = new Date(t);
        const minute = d.getUTCHours() * 60 + d.getUTCMinutes();
        const day = WEEKDAYS[d.getUTCDay()];
        const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
        const expected = !h.closedDates.includes(d.toISOString().slice(0, 10)) && h.open.some((r) => r.day === day && toMin(r.from) <= minute && minute < toMin(r.to));
        expect(isOpen(h, t)).toBe(expected);
      }),
      { numRuns: RUNS },
    );
  });
});
