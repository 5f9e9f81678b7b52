/**
 * The one template engine (SPEC F8), pure: the server renders and checks with it on send, the
 * Desktop fills the composer with it. A body is text with placeholders:
 * - `{{param:order}}`: replaceable, the agent fills it (Send stays disabled until every one is filled);
 * - `{{customer.name}}`, `{{agent.name}}`, `{{queue.name}}`, `{{conversation.id}}`,
 *   `{{entryPoint.name}}`, `{{date}}`, `{{time}}`, `{{datetime}}`: system, filled from the
 *   conversation (date and time in the agent's locale and time zone);
 * - `{{customer.name|there}}`: a system placeholder with the fallback used when its value is empty.
 * An unknown placeholder is refused when a template is saved (`templateProblems`); rendering never
 * throws and leaves one as typed.
 */

export const SYSTEM_PLACEHOLDERS = [
  'customer.name',
  'agent.name',
  'queue.name',
  'conversation.id',
  'entryPoint.name',
  'date',
  'time',
  'datetime',
] as const;
export type SystemPlaceholder = (typeof SYSTEM_PLACEHOLDERS)[number];

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'param'; name: string; raw: string }
  | { kind: 'system'; key: SystemPlaceholder; fallback: string; raw: string }
  | { kind: 'unknown'; raw: string };

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
// Letters, digits, spaces and _ . - (`{{param:order number}}`); trimmed.
const PARAM_NAME = /^[\p{L}\p{N}_. -]{1,64}$/u;
const isSystem = (k: string): k is SystemPlaceholder => (SYSTEM_PLACEHOLDERS as readonly string[]).includes(k);

function placeholder(raw: string, inner: string): TemplatePart {
  const bar = inner.indexOf('|');
  const key = (bar < 0 ? inner : inner.slice(0, bar)).trim();
  const fallback = bar < 0 ? null : inner.slice(bar + 1).trim();
  if (key.startsWith('param:')) {
    const name = key.slice(6).trim();
    // A replaceable parameter is the agent's to fill: a fallback would let it go out unfilled.
    return PARAM_NAME.test(name) && fallback === null ? { kind: 'param', name, raw } : { kind: 'unknown', raw };
  }
  return isSystem(key) ? { kind: 'system', key, fallback: fallback ?? '', raw } : { kind: 'unknown', raw };
}

/** The body as text and placeholders, in order; joining every part's text or raw gives the body back. */
export function parseTemplate(body: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let at = 0;
  for (const m of body.matchAll(PLACEHOLDER)) {
    if (m.index > at) parts.push({ kind: 'text', text: body.slice(at, m.index) });
    parts.push(placeholder(m[0], m[1] ?? ''));
    at = m.index + m[0].length;
  }
  if (at < body.length) parts.push({ kind: 'text', text: body.slice(at) });
  return parts;
}

/** What is wrong with a body, for the admin saving it (empty when it can be saved). */
export function templateProblems(body: string): string[] {
  return parseTemplate(body)
    .filter((p) => p.kind === 'unknown')
    .map(
      (p) =>
        `Unknown placeholder ${p.raw}: use {{param:name}} for a value the agent fills, or one of ${SYSTEM_PLACEHOLDERS.map((k) => `{{${k}}}`).join(', ')} (optionally with a fallback: {{customer.name|there}})`,
    );
}

/** The replaceable parameters' names, each once, in order of first appearance. */
export function templateParams(body: string): string[] {
  const out = new Set<string>();
  for (const p of parseTemplate(body)) if (p.kind === 'param') out.add(p.name);
  return [...out];
}

/** The replaceable parameters not filled yet (blank counts as not filled). */
export function missingParams(body: string, values: Readonly<Record<string, string>>): string[] {
  return templateParams(body).filter((name) => !values[name]?.trim());
}

/** Where the system placeholders' values come from: the conversation, its agent, the clock. */
export interface TemplateContext {
  customerName?: string | null;
  agentName?: string | null;
  queueName?: string | null;
  conversationId?: string | null;
  entryPointName?: string | null;
  /** Epoch ms (injected: the engine reads no clock). */
  now: number;
  /** The agent's locale (BCP 47) and IANA time zone; invalid ones fall back to `en` and UTC. */
  locale: string;
  timeZone?: string | null;
}

function formatter(locale: string, timeZone: string | null | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  for (const [l, tz] of [
    [locale, timeZone ?? undefined],
    [locale, 'UTC'],
    ['en', 'UTC'],
  ] as const) {
    try {
      return new Intl.DateTimeFormat(l, { ...options, timeZone: tz });
    } catch {
      // An unknown locale or time zone: try the next, safer pair.
    }
  }
  return new Intl.DateTimeFormat('en', options);
}

function formatDate(ctx: TemplateContext, options: Intl.DateTimeFormatOptions): string {
  const d = new Date(Number.isFinite(ctx.now) ? ctx.now : 0);
  return Number.isNaN(d.getTime()) ? '' : formatter(ctx.locale, ctx.timeZone, options).format(d);
}

/** Every system placeholder's value (possibly empty) for this context. */
export function systemValues(ctx: TemplateContext): Record<SystemPlaceholder, string> {
  return {
    'customer.name': ctx.customerName ?? '',
    'agent.name': ctx.agentName ?? '',
    'queue.name': ctx.queueName ?? '',
    'conversation.id': ctx.conversationId ?? '',
    'entryPoint.name': ctx.entryPointName ?? '',
    date: formatDate(ctx, { dateStyle: 'medium' }),
    time: formatDate(ctx, { timeStyle: 'short' }),
    datetime: formatDate(ctx, { dateStyle: 'medium', timeStyle: 'short' }),
  };
}

/** One placeholder's value: the agent's for a parameter (as typed, even empty), the system's or its fallback. */
function partValue(p: TemplatePart, system: Record<SystemPlaceholder, string>, values: Readonly<Record<string, string>>): string {
  switch (p.kind) {
    case 'text':
      return p.text;
    case 'param':
      return Object.hasOwn(values, p.name) ? String(values[p.name]) : p.raw;
    case 'system':
      return system[p.key].trim() ? system[p.key] : p.fallback;
    case 'unknown':
      return p.raw;
  }
}

/** The text that goes out. An unfilled parameter or unknown placeholder stays as typed. */
export function renderTemplate(body: string, ctx: TemplateContext, values: Readonly<Record<string, string>> = {}): string {
  const system = systemValues(ctx);
  return parseTemplate(body)
    .map((p) => partValue(p, system, values))
    .join('');
}

/**
 * The placeholders' values in order of first appearance, each once: a provider-approved template
 * (WhatsApp) numbers its parameters {{1}}, {{2}}… in that order.
 */
export function placeholderValues(body: string, ctx: TemplateContext, values: Readonly<Record<string, string>> = {}): string[] {
  const system = systemValues(ctx);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of parseTemplate(body)) {
    if (p.kind !== 'param' && p.kind !== 'system') continue;
    const key = p.kind === 'param' ? `param:${p.name}` : p.raw;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(partValue(p, system, values));
  }
  return out;
}

/**
 * A WhatsApp message template approved by Meta, beside a Parley template: the body's placeholders
 * become its body parameters {{1}}, {{2}}… in order; the header is text (its placeholders make its
 * one parameter) or media (a public https URL or a WhatsApp media id); buttons take one parameter each.
 */
export interface ApprovedTemplate {
  /** The name and language code approved in WhatsApp Manager. */
  name: string;
  language: string;
  category?: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  header?: ApprovedHeader | null;
  buttons?: ApprovedButton[];
}
export type ApprovedHeader =
  | { format: 'text'; text: string }
  | { format: 'image' | 'video' | 'document'; url?: string; mediaId?: string; filename?: string };
/** `value`: a template string (placeholders allowed) for the button's one parameter: a URL suffix or a quick reply payload. */
export interface ApprovedButton {
  subType: 'url' | 'quick_reply';
  value: string;
}

/** Where a template may be offered: its channels, its queues (none listed: every queue of them). */
export interface TemplateScope {
  channels: readonly string[];
  queues?: readonly string[];
  providerTemplate?: ApprovedTemplate | null;
}

/**
 * The templates an agent may use in one conversation: those of its channel and queue; past a window
 * that takes approved templates only (WhatsApp's 24 h), only the approved ones.
 */
export function templatesFor<T extends TemplateScope>(all: readonly T[], where: { channel: string; queueId: string; approvedOnly: boolean }): T[] {
  return all.filter(
    (t) =>
      t.channels.includes(where.channel) &&
      (!t.queues?.length || t.queues.includes(where.queueId)) &&
      (!where.approvedOnly || !!t.providerTemplate),
  );
}

/** Every template string of a template (body, approved header text and button values), for checking on save. */
export function approvedTemplateProblems(t: ApprovedTemplate): string[] {
  const strings = [t.header?.format === 'text' ? t.header.text : '', ...(t.buttons ?? []).map((b) => b.value)];
  const problems = strings.flatMap((s) => templateProblems(s));
  if (t.header && t.header.format !== 'text' && !t.header.url && !t.header.mediaId) problems.push(`The ${t.header.format} header needs a url or a mediaId`);
  return problems;
}

/** A channel whose reply window falls back to provider-approved templates (WhatsApp) sends them as such. */
export function takesApprovedTemplates(rules: { replyWindow: { outside: string } | null }): boolean {
  return rules.replyWindow?.outside === 'templates';
}

/** A send from a template (SendMessageBody.template): the agent's field values and their locale. */
export interface TemplateUse {
  id: string;
  params: Record<string, string>;
  locale?: string;
  timeZone?: string;
}
