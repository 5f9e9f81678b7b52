import type { ConversationDto, TemplateContext } from '@parley/protocol';

/** The browser's IANA time zone: the agent's, for {{date}} and {{time}} (the server renders with it too). */
export function agentTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The system placeholders' sources for one conversation and its agent, in the agent's locale. */
export function templateContext(c: ConversationDto, agentName: string, locale: string, now = Date.now()): TemplateContext {
  return {
    customerName: c.customer.name,
    agentName,
    queueName: c.queueName,
    conversationId: c.id,
    entryPointName: c.entryPointName,
    now,
    locale,
    timeZone: agentTimeZone(),
  };
}
