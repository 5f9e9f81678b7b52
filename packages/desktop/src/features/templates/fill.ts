import type { ConversationDto } from '@parley/protocol';
/** Template placeholders: `{{param:name}}` the agent fills; `{{customer.name}}` etc. fill themselves. */
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

export function templateParams(body: string): string[] {
  const out = new Set<string>();
  for (const m of body.matchAll(PLACEHOLDER)) {
    const key = m[1]!.trim();
    if (key.startsWith('param:')) out.add(key.slice(6).trim());
  }
  return [...out];
}

export interface SystemContextInput {
  customerName: string;
  agentName: string;
  queueName: string;
  conversationId: string;
  date: Date;
  locale: string;
}

export function systemContext(i: SystemContextInput): Record<string, string> {
  return {
    'customer.name': i.customerName,
    'agent.name': i.agentName,
    'queue.name': i.queueName,
    'conversation.id': i.conversationId,
    date: i.date.toLocaleDateString(i.locale),
  };
}

/** The system parameters of one conversation, for its agent. */
export function conversationContext(c: ConversationDto, agentName: string, locale: string): Record<string, string> {
  return systemContext({ customerName: c.customer.name, agentName, queueName: c.queueName, conversationId: c.id, date: new Date(), locale });
}

/** Fills system placeholders from context and agent params from values; empty or unknown ones stay as typed. */
export function renderTemplate(body: string, context: Record<string, string>, values: Record<string, string> = {}): string {
  return body.replace(PLACEHOLDER, (whole, raw: string) => {
    const key = raw.trim();
    if (key.startsWith('param:')) {
      const v = values[key.slice(6).trim()];
      return v?.trim() ? v : whole;
    }
    return context[key] ?? whole;
  });
}

/**
 * The template's placeholders' values, in order of first appearance: a provider-approved template
 * (WhatsApp) numbers its parameters {{1}}, {{2}}… in that order.
 */
export function placeholderValues(body: string, context: Record<string, string>, values: Record<string, string> = {}): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of body.matchAll(PLACEHOLDER)) {
    const key = m[1]!.trim();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(key.startsWith('param:') ? (values[key.slice(6).trim()] ?? '') : (context[key] ?? ''));
  }
  return out;
}

export function missingParams(body: string, values: Record<string, string>): string[] {
  return templateParams(body).filter((p) => !values[p]?.trim());
}
