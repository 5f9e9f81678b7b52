import type { ChannelRules } from './domain';

const HOUR = 3_600_000;

/**
 * Where a conversation stands in its channel's customer-service window (`rules.replyWindow`):
 * `open` (free replies), `templates` (WhatsApp: approved templates only), `human_agent` (Messenger:
 * replies carry the HUMAN_AGENT tag), `closed` (no reply until the customer writes again).
 */
export type WindowPhase = 'open' | 'templates' | 'human_agent' | 'closed';

export interface WindowState {
  phase: WindowPhase;
  /** The window's length, for the explanation. */
  hours: number;
  /** When the tagged replies stop (human_agent), ms since the epoch. */
  until: number | null;
}

/**
 * Pure: the window at `now`. No window on the channel, or no inbound time known (the server hasn't
 * reported one): `open`, and the server's own check decides.
 */
export function replyWindow(rules: Pick<ChannelRules, 'replyWindow'>, lastInboundAt: number | null | undefined, now: number): WindowState {
  const w = rules.replyWindow;
  if (!w || lastInboundAt == null) return { phase: 'open', hours: w?.hours ?? 0, until: null };
  const age = now - lastInboundAt;
  if (age < w.hours * HOUR) return { phase: 'open', hours: w.hours, until: null };
  if (w.outside === 'templates') return { phase: 'templates', hours: w.hours, until: null };
  const tagged = (w.humanAgentHours ?? 0) * HOUR;
  if (age < tagged) return { phase: 'human_agent', hours: w.hours, until: lastInboundAt + tagged };
  return { phase: 'closed', hours: w.humanAgentHours ?? w.hours, until: null };
}
