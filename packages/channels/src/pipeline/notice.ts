import type { EventTime, NoticeEvent } from './inbound-events';
import { compact } from './read';

/** A notice for something a parser saw but could not map; see `NoticeEvent`. */
export function notice(
  code: string,
  message: string,
  at: EventTime,
  extra: { entryPointKey?: string; providerMessageId?: string; customerExternalId?: string } = {},
): NoticeEvent {
  return compact({ type: 'notice', code, message, at, ...extra });
}

/** A short, single-line excerpt of an unexpected value, for notice messages (never the whole payload). */
export function describe(v: unknown): string {
  let s: string;
  try {
    s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
