import type { InboundEvent, MediaRef, MessageContent } from './inbound-events';

/**
 * Structural problems of an event (empty list = well formed). Used by the parsers' property tests
 * and usable as a contract check by the pipeline: ids are non-empty strings, times are finite or
 * null, text is a string, content and media match their unions.
 */
export function eventProblems(e: InboundEvent): string[] {
  const p: string[] = [];
  const needId = (name: string, v: unknown) => {
    if (typeof v !== 'string' || v === '') p.push(`${name} must be a non-empty string`);
  };
  const optString = (name: string, v: unknown) => {
    if (v !== undefined && typeof v !== 'string') p.push(`${name} must be a string when present`);
  };
  if (e.at !== null && !(typeof e.at === 'number' && Number.isFinite(e.at))) p.push('at must be a finite number or null');
  switch (e.type) {
    case 'message':
    case 'echo':
      needId('entryPointKey', e.entryPointKey);
      needId('providerMessageId', e.providerMessageId);
      if (typeof e.text !== 'string') p.push('text must be a string');
      p.push(...contentProblems(e.content));
      if (!Array.isArray(e.media)) p.push('media must be an array');
      else for (const m of e.media) p.push(...mediaProblems(m));
      if (e.type === 'message') {
        needId('customer.externalId', e.customer?.externalId);
        optString('replyToProviderId', e.replyToProviderId);
      } else needId('customerExternalId', e.customerExternalId);
      break;
    case 'status':
      needId('entryPointKey', e.entryPointKey);
      needId('providerMessageId', e.providerMessageId);
      if (!['pending', 'sent', 'delivered', 'read', 'failed'].includes(e.status)) p.push(`unknown status ${e.status}`);
      needId('providerStatus', e.providerStatus);
      break;
    case 'watermark':
      needId('entryPointKey', e.entryPointKey);
      needId('customerExternalId', e.customerExternalId);
      if (!Number.isFinite(e.watermark)) p.push('watermark must be finite');
      break;
    case 'reaction':
      needId('entryPointKey', e.entryPointKey);
      needId('targetProviderId', e.targetProviderId);
      needId('customerExternalId', e.customerExternalId);
      if (e.emoji !== null && (typeof e.emoji !== 'string' || e.emoji === '')) p.push('emoji must be a non-empty string or null');
      break;
    case 'identity_changed':
      needId('entryPointKey', e.entryPointKey);
      needId('providerMessageId', e.providerMessageId);
      break;
    case 'error':
      needId('error.code', e.error?.code);
      break;
    case 'notice':
      needId('code', e.code);
      if (typeof e.message !== 'string') p.push('message must be a string');
      break;
    default:
      p.push(`unknown event type ${(e as { type: unknown }).type}`);
  }
  return p;
}

function contentProblems(c: MessageContent): string[] {
  if (!c || typeof c.type !== 'string') return ['content must have a type'];
  if (c.type === 'location' && !(Number.isFinite(c.latitude) && Number.isFinite(c.longitude))) return ['location needs finite coordinates'];
  if (c.type === 'text' && typeof c.body !== 'string') return ['text content needs a body'];
  return [];
}

function mediaProblems(m: MediaRef): string[] {
  if (m.kind === 'whatsapp_media') return m.id ? [] : ['whatsapp media needs an id'];
  if (m.kind === 'url') return m.url ? [] : ['url media needs a url'];
  return ['unknown media kind'];
}
