import { replyWindow, type ChannelRules } from '@parley/protocol';
import { DomainError } from '@parley/core';
import type { WhatsAppTemplateRef } from '@parley/channels';

export interface WindowSend {
  humanAgentTag?: boolean;
  template?: WhatsAppTemplateRef;
}

/**
 * The channel's customer-service window, checked before a reply is stored (the same `replyWindow`
 * the Desktop shows): inside it a reply goes as is (an approved template as that template); past it
 * WhatsApp takes only a provider-approved template (`approved`, built by template-send), and Messenger takes a human
 * agent's reply with the HUMAN_AGENT tag up to its longer limit. The provider's answer stays the
 * source of truth (a 131047 or 2018278 fails the message with that reason).
 */
export function replyWindowCheck(
  rules: Pick<ChannelRules, 'replyWindow' | 'channel'>,
  lastInboundAt: number | null,
  now: number,
  approved?: WhatsAppTemplateRef,
): WindowSend {
  const w = replyWindow(rules, lastInboundAt, now);
  switch (w.phase) {
    case 'open':
      return approved ? { template: approved } : {};
    case 'human_agent':
      return { humanAgentTag: true };
    case 'templates': {
      if (!approved) {
        throw new DomainError('PARLEY_ERR_WINDOW_CLOSED', `More than ${w.hours} hours since the customer's last message: only an approved template can be sent now`);
      }
      return { template: approved };
    }
    case 'closed':
      throw new DomainError('PARLEY_ERR_WINDOW_CLOSED', `More than ${w.hours} hours since the customer's last message: the channel no longer accepts a reply`);
  }
}
