import {
  missingParams,
  placeholderValues,
  renderTemplate,
  replyWindow,
  takesApprovedTemplates,
  templatesFor,
  type ApprovedTemplate,
  type TemplateContext,
} from '@parley/protocol';
import { DomainError, type ConversationState } from '@parley/core';
import type { TemplateComponent, WhatsAppTemplateRef } from '@parley/channels';
import type { TemplateRecord } from '@parley/storage';
import type { AppCore } from '../core';

/** What an agent sends with a template: its id, the values of its `{{param:…}}` fields, their locale. */
export interface TemplateInput {
  id: string;
  params: Record<string, string>;
  locale?: string;
  timeZone?: string;
}

/** A template send, rendered by the server: the text stored, and the approved template WhatsApp sends. */
export interface RenderedTemplate {
  record: TemplateRecord;
  text: string;
  approved?: WhatsAppTemplateRef;
}

const invalid = (message: string) => new DomainError('PARLEY_ERR_VALIDATION', message);

/** The templates an agent may use in this conversation now (its channel and queue; past WhatsApp's window, approved only). */
export function templatesOffered(core: AppCore, c: ConversationState): TemplateRecord[] {
  const rules = core.directory.rules(c.channel);
  const approvedOnly = replyWindow(rules, core.meta.get(c.id)?.lastInboundAt ?? null, core.now).phase === 'templates';
  return templatesFor(core.directory.templates, { channel: c.channel, queueId: c.queueId, approvedOnly });
}

function checkLocale(locale: string | undefined, timeZone: string | undefined): void {
  try {
    if (locale) new Intl.DateTimeFormat(locale);
    if (timeZone) new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw invalid(`Unknown locale "${locale ?? ''}" or time zone "${timeZone ?? ''}"`);
  }
}

/**
 * Renders a template for this conversation with the one engine and checks what the agent sent
 * against it: every field filled; a locked template (or an approved one, which the provider sends
 * as approved) goes exactly as rendered, so its text can't be altered through the API. An empty
 * `text` means "the rendering".
 */
export function renderTemplateSend(core: AppCore, c: ConversationState, agentId: string, input: TemplateInput, text: string): RenderedTemplate {
  const rules = core.directory.rules(c.channel);
  const record = templatesFor(core.directory.templates, { channel: c.channel, queueId: c.queueId, approvedOnly: false }).find((t) => t.id === input.id);
  if (!record) throw invalid(`No template "${input.id}" for this conversation's channel and queue`);
  const missing = missingParams(record.body, input.params);
  if (missing.length) throw invalid(`Fill in the template's fields: ${missing.join(', ')}`);
  checkLocale(input.locale, input.timeZone);
  const meta = core.meta.get(c.id);
  const ctx: TemplateContext = {
    customerName: meta?.customer.name,
    agentName: core.directory.agentName(agentId),
    queueName: core.directory.queueName(c.queueId),
    conversationId: c.id,
    entryPointName: meta ? (core.directory.entryPoints.get(meta.entryPointId)?.name ?? '') : '',
    now: core.now,
    locale: input.locale || 'en',
    timeZone: input.timeZone || 'UTC',
  };
  const rendered = renderTemplate(record.body, ctx, input.params);
  const approved = record.providerTemplate && takesApprovedTemplates(rules) ? approvedRef(record.providerTemplate, record.body, ctx, input.params) : undefined;
  if (text !== '' && text !== rendered && (record.locked || approved)) {
    throw invalid(`Template "${record.name}" is sent exactly as written: its text can't be changed`);
  }
  return { record, text: text === '' ? rendered : text, ...(approved ? { approved } : {}) };
}

/** The WhatsApp template message: header (text parameter or media), body parameters {{1}}… in order, button parameters. */
function approvedRef(a: ApprovedTemplate, body: string, ctx: TemplateContext, params: Record<string, string>): WhatsAppTemplateRef {
  const components: TemplateComponent[] = [];
  const h = a.header;
  if (h?.format === 'text') {
    const values = placeholderValues(h.text, ctx, params);
    if (values.length) components.push({ type: 'header', parameters: [{ type: 'text', text: values.join(' ') }] });
  } else if (h) {
    const media: Record<string, unknown> = h.mediaId ? { id: h.mediaId } : { link: h.url };
    if (h.format === 'document' && h.filename) media.filename = h.filename;
    components.push({ type: 'header', parameters: [{ type: h.format, [h.format]: media }] });
  }
  const bodyParams = placeholderValues(body, ctx, params).map((text) => ({ type: 'text', text }));
  if (bodyParams.length) components.push({ type: 'body', parameters: bodyParams });
  (a.buttons ?? []).forEach((b, index) => {
    const value = renderTemplate(b.value, ctx, params);
    const parameter = b.subType === 'url' ? { type: 'text', text: value } : { type: 'payload', payload: value };
    components.push({ type: 'button', sub_type: b.subType, index: String(index), parameters: [parameter] });
  });
  return { name: a.name, language: a.language, ...(components.length ? { components } : {}) };
}
