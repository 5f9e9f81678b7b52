/**
 * Wall-clock time in an IANA time zone, read through Intl (the platform's tz database), so daylight
 * saving changes are the zone's own: a wall time may happen twice (clocks go back) or never (they
 * jump forward).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface WallTime {
  /** Calendar date in the zone (proleptic Gregorian). */
  year: number;
  month: number;
  day: number;
  /** Minutes since local midnight, 0..1439. */
  minute: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, f);
  }
  return f;
}

/** Whether the platform knows this IANA zone name (e.g. "Europe/Paris"; not an offset like "+01:00"). */
export function isKnownTimeZone(zone: string): boolean {
  if (!/^[A-Za-z]/.test(zone)) return false;
  try {
    formatFor(zone);
    return true;
  } catch {
    return false;
  }
}

interface Fields extends WallTime {
  second: number;
}

function fieldsAt(zone: string, epochMs: number): Fields {
  const v: Record<string, number> = {};
  for (const p of formatFor(zone).formatToParts(epochMs)) if (p.type !== 'literal') v[p.type] = Number(p.value);
  // Some ICU versions still write midnight as hour 24.
  const hour = v.hour === 24 ? 0 : v.hour!;
  return { year: v.year!, month: v.month!, day: v.day!, minute: hour * 60 + v.minute!, second: v.second! };
}

/** The zone's wall clock at this instant. */
export function wallTimeAt(zone: string, epochMs: number): WallTime {
  const { year, month, day, minute } = fieldsAt(zone, epochMs);
  return { year, month, day, minute };
}

/** The zone's offset from UTC at this instant, in ms (Paris in summer: +2 h). */
export function offsetAt(zone: string, epochMs: number): number {
  const f = fieldsAt(zone, epochMs);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, 0, f.minute, f.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instants at which the zone's clock shows this date and minute, earliest first: one as a rule,
 * two when the clocks go back over it, and when they jump over it, the instant of the jump (the first
 * at which the clock shows a later time).
 */
export function instantsOfWallTime(zone: string, year: number, month: number, day: number, minute: number): number[] {
  const naive = Date.UTC(year, month - 1, day, 0, minute);
  // Zone offsets lie within ±14 h and change at most once in a day and a half.
  const offsets = [...new Set([offsetAt(zone, naive - 15 * HOUR), offsetAt(zone, naive), offsetAt(zone, naive + 15 * HOUR)])];
  const found = offsets.map((o) => naive - o).filter((t) => offsetAt(zone, t) === naive - t);
  if (found.length) return [...new Set(found)].sort((a, b) => a - b);
  if (offsets.length < 2) return [];
  // Skipped: the clock jumps over this minute. The jump lies between the two readings.
  const candidates = offsets.map((o) => naive - o).sort((a, b) => a - b);
  let lo = candidates[0]!;
  let hi = candidates[candidates.length - 1]!;
  const after = offsetAt(zone, hi);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(zone, mid) === after) hi = mid;
    else lo = mid;
  }
  return [hi];
}
