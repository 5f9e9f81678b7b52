/** Calendar days for the reports area, in the browser's time zone (pure given `now` and the zone). */

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** `YYYY-MM-DD` of instant `now` in the zone. */
export function dayIn(timeZone: string, now: number): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function isDay(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/** The day `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A duration split for display: seconds (one decimal) under a minute, else minutes and seconds, or hours and minutes. */
export type DurationParts = { unit: 'seconds'; s: string } | { unit: 'minutes'; m: number; s: string } | { unit: 'hours'; h: number; m: string };

export function durationParts(ms: number): DurationParts {
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return { unit: 'seconds', s: (tenths / 10).toFixed(1) };
  const total = Math.round(ms / 1000);
  if (total < 3600) return { unit: 'minutes', m: Math.floor(total / 60), s: String(total % 60).padStart(2, '0') };
  return { unit: 'hours', h: Math.floor(total / 3600), m: String(Math.floor((total % 3600) / 60)).padStart(2, '0') };
}
