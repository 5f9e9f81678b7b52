import type { ChannelRules } from '@parley/protocol';
import { DomainError } from '@parley/core';

const HOUR = 60 * 60 * 1000;

/**
 * The channel's customer-service window, checked before a reply is stored (docs/adr/0002): inside it
 * a reply goes as is; past it WhatsApp takes only approved templates, and Messenger takes a human
 * agent's reply with the HUMAN_AGENT tag up to its longer limit. The provider's answer stays the
 * source of truth (a 131047 or 2018278 fails the message with that reason).
 */
export function replyWindowCheck(rules: Pick<ChannelRules, 'replyWindow' | 'channel'>, lastInboundAt: number | null, now: number): { humanAgentTag?: boolean } {
  const w = rules.replyWindow;
  if (!w || lastInboundAt === null) return {};
  const age = now - lastInboundAt;
  if (age <= w.hours * HOUR) return {};
  if (w.outside === 'human_agent_tag' && w.humanAgentHours !== undefined && age <= w.humanAgentHours * HOUR) return { humanAgentTag: true };
  const hours = w.outside === 'human_agent_tag' ? (w.humanAgentHours ?? w.hours) : w.hours;
  throw new DomainError(
    'PARLEY_ERR_WINDOW_CLOSED',
    w.outside === 'templates'
      ? `More than ${hours} hours since the customer's last message: only an approved template can be sent now`
      : `More than ${hours} hours since the customer's last message: the channel no longer accepts a reply`,
  );
}
