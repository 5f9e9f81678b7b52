import type { MediaRef, MessageContent, OrderItem, Referral, SharedContact } from '../pipeline/inbound-events';
import { type JsonRecord, bool, compact, id, list, nonEmpty, num, rec, str } from '../pipeline/read';

/** A message's typed content and its downloadable media, from the WhatsApp per-type object (§2.2). */
export interface ParsedContent {
  content: MessageContent;
  media: MediaRef[];
}

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'document', 'sticker']);

export function parseContent(type: string, m: JsonRecord): ParsedContent {
  if (MEDIA_TYPES.has(type)) return parseMedia(type, rec(m[type]));
  switch (type) {
    case 'text':
      return only({ type: 'text', body: str(rec(m.text).body) ?? '' });
    case 'location':
      return parseLocation(rec(m.location));
    case 'contacts':
      return only({ type: 'contacts', contacts: list(m.contacts).map((c) => parseSharedContact(rec(c))) });
    case 'interactive':
      return parseInteractive(rec(m.interactive));
    case 'button': {
      const b = rec(m.button);
      return only({ type: 'button', payload: str(b.payload) ?? '', text: str(b.text) ?? '' });
    }
    case 'order':
      return parseOrder(rec(m.order));
    case 'unsupported':
    case 'unknown':
      return unsupported(m, `WhatsApp sent a message type it does not support (${type})`);
    default:
      return unsupported(m, `message type "${type || '(none)'}" is not supported`);
  }
}

function only(content: MessageContent): ParsedContent {
  return { content, media: [] };
}

function parseMedia(type: string, o: JsonRecord): ParsedContent {
  const caption = nonEmpty(o.caption);
  const filename = nonEmpty(o.filename);
  const mediaId = id(o.id);
  const media: MediaRef[] = mediaId
    ? [compact({ kind: 'whatsapp_media' as const, id: mediaId, mimeType: nonEmpty(o.mime_type), sha256: nonEmpty(o.sha256), filename })]
    : [];
  let content: MessageContent;
  if (type === 'audio') content = { type: 'audio', voice: bool(o.voice) === true };
  else if (type === 'sticker') content = compact({ type: 'sticker', animated: bool(o.animated) });
  else if (type === 'document') content = compact({ type: 'document', filename, caption });
  else content = compact({ type: type as 'image' | 'video', caption });
  return { content, media };
}

function parseLocation(l: JsonRecord): ParsedContent {
  const latitude = num(l.latitude);
  const longitude = num(l.longitude);
  if (latitude === undefined || longitude === undefined) return only({ type: 'unsupported', reason: 'location without coordinates' });
  return only(compact({ type: 'location', latitude, longitude, name: nonEmpty(l.name), address: nonEmpty(l.address), url: nonEmpty(l.url) }));
}

function parseSharedContact(c: JsonRecord): SharedContact {
  const n = rec(c.name);
  const name = nonEmpty(n.formatted_name) ?? ([str(n.first_name), str(n.last_name)].filter(Boolean).join(' ') || 'Unnamed contact');
  const phones = list(c.phones).flatMap((p) => {
    const r = rec(p);
    const phone = nonEmpty(r.phone) ?? id(r.wa_id);
    return phone ? [compact({ phone, waId: id(r.wa_id), type: nonEmpty(r.type) })] : [];
  });
  const emails = list(c.emails).flatMap((e) => nonEmpty(rec(e).email) ?? []);
  return compact({ name, phones, emails, org: nonEmpty(rec(c.org).company) });
}

function parseInteractive(i: JsonRecord): ParsedContent {
  const kind = str(i.type);
  if (kind === 'button_reply' || kind === 'list_reply') {
    const r = rec(i[kind]);
    return only(compact({ type: 'interactive_reply', kind, id: id(r.id) ?? '', title: str(r.title) ?? '', description: nonEmpty(r.description) }));
  }
  if (kind === 'nfm_reply') {
    const r = rec(i.nfm_reply);
    return only(
      compact({
        type: 'interactive_reply',
        kind,
        id: nonEmpty(r.name) ?? 'flow',
        title: nonEmpty(r.body) ?? 'Form submitted',
        responseJson: nonEmpty(r.response_json),
      }),
    );
  }
  return only({ type: 'unsupported', reason: `interactive reply "${kind ?? '(none)'}" is not supported`, code: 'interactive' });
}

function parseOrder(o: JsonRecord): ParsedContent {
  const items = list(o.product_items).flatMap((raw): OrderItem[] => {
    const p = rec(raw);
    const productRetailerId = id(p.product_retailer_id);
    if (!productRetailerId) return [];
    return [compact({ productRetailerId, quantity: num(p.quantity) ?? 1, itemPrice: num(p.item_price), currency: nonEmpty(p.currency) })];
  });
  return only(compact({ type: 'order', catalogId: id(o.catalog_id), note: nonEmpty(o.text), items }));
}

/** `unsupported`/unknown messages carry `errors[0]` (131051) explaining why. */
function unsupported(m: JsonRecord, fallback: string): ParsedContent {
  const e = rec(list(m.errors)[0]);
  const detail = nonEmpty(rec(e.error_data).details) ?? nonEmpty(e.details) ?? nonEmpty(e.message) ?? nonEmpty(e.title);
  // Newer payloads name what the user sent (e.g. `poll_creation`) in `unsupported.type`.
  const sentType = nonEmpty(rec(m.unsupported).type);
  const reason = detail && sentType ? `${detail} (${sentType})` : (detail ?? fallback);
  return only(compact({ type: 'unsupported', reason, code: id(e.code) }));
}

/** Click-to-WhatsApp ad or post referral (`messages[].referral`). */
export function parseReferral(v: unknown): Referral | undefined {
  if (v === undefined) return undefined;
  const r = rec(v);
  const referral = compact<Referral>({
    source: nonEmpty(r.source_type),
    type: nonEmpty(r.media_type),
    url: nonEmpty(r.source_url),
    sourceId: id(r.source_id),
    headline: nonEmpty(r.headline),
    body: nonEmpty(r.body),
    ctwaClid: nonEmpty(r.ctwa_clid),
  });
  return Object.keys(referral).length > 0 ? referral : undefined;
}
