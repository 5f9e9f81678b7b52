import type { ChatMedia, OfferedButton, SimState } from '../state';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** A send Cloud API would accept, reduced to what the customer's phone shows. */
export interface WhatsAppSend {
  to: string;
  type: string;
  text?: string;
  media?: ChatMedia;
  buttons?: OfferedButton[];
  note?: string;
  template: boolean;
  opaque?: string;
}

/** A refusal: Graph code, message title and details (`error_data.details`). */
export interface WhatsAppRefusal {
  code: number;
  message: string;
  details: string;
}

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'];
const TYPES = ['text', ...MEDIA_TYPES, 'template', 'interactive', 'location', 'contacts', 'reaction'];

const missing = (param: string): WhatsAppRefusal => ({ code: 100, message: 'Invalid parameter', details: `The parameter ${param} is required.` });
const invalid = (details: string): WhatsAppRefusal => ({ code: 131009, message: 'Parameter value is not valid', details });

/** `POST /{phone-number-id}/messages` with a message (not a `status: read`), checked like Cloud API (§2.4, §2.8). */
export function checkWhatsAppSend(body: Obj, state: SimState): WhatsAppSend | WhatsAppRefusal {
  if (body.messaging_product !== 'whatsapp') return missing('messaging_product');
  const to = str(body.to);
  if (!to) return missing('to');
  if (!/^\+?\d{6,15}$/.test(to)) return invalid(`to: "${to}" is not a valid phone number`);
  const type = str(body.type) ?? 'text';
  if (!TYPES.includes(type)) return invalid(`type must be one of ${TYPES.join(', ')}`);
  const payload = body[type];
  if (!isObj(payload) && !(type === 'contacts' && Array.isArray(payload))) return missing(type);
  const base: WhatsAppSend = { to: to.replace(/^\+/, ''), type, template: type === 'template' };
  if (typeof body.biz_opaque_callback_data === 'string') base.opaque = body.biz_opaque_callback_data;
  const p = payload as Obj;
  if (type === 'text') return text(base, p);
  if (MEDIA_TYPES.includes(type)) return media(base, type, p, state);
  if (type === 'template') return template(base, p);
  if (type === 'interactive') return interactive(base, p);
  if (type === 'location') return { ...base, note: `📍 ${String(p.name ?? '')} ${String(p.latitude)},${String(p.longitude)}`.trim() };
  if (type === 'reaction') {
    if (!str(p.message_id)) return missing('reaction.message_id');
    return { ...base, note: `reacted ${String(p.emoji ?? '')} to ${String(p.message_id)}` };
  }
  return { ...base, note: 'contact card' };
}

function text(base: WhatsAppSend, p: Obj): WhatsAppSend | WhatsAppRefusal {
  const body = str(p.body);
  if (!body) return missing('text.body');
  if (body.length > 4096) return invalid('text.body is longer than 4096 characters');
  return { ...base, text: body };
}

function media(base: WhatsAppSend, type: string, p: Obj, state: SimState): WhatsAppSend | WhatsAppRefusal {
  const id = str(p.id);
  const link = str(p.link);
  if (!id === !link) return invalid(`${type} needs exactly one of id or link`);
  if (id && !state.media.has(id)) return invalid(`${type}.id: no uploaded media with id ${id}`);
  if (link && !/^https?:\/\//.test(link)) return invalid(`${type}.link must be an http(s) URL`);
  const caption = str(p.caption);
  if (caption && (type === 'audio' || type === 'sticker')) return invalid(`${type} does not take a caption`);
  if (caption && caption.length > 1024) return invalid('caption is longer than 1024 characters');
  const m: ChatMedia = { kind: type };
  if (id) {
    m.mediaId = id;
    const stored = state.media.get(id);
    if (stored) m.mimeType = stored.mimeType;
  }
  if (link) m.url = link;
  if (caption) m.caption = caption;
  const filename = str(p.filename) ?? (id ? state.media.get(id)?.filename : undefined);
  if (filename) m.filename = filename;
  return { ...base, media: m };
}

function template(base: WhatsAppSend, p: Obj): WhatsAppSend | WhatsAppRefusal {
  const name = str(p.name);
  if (!name) return missing('template.name');
  if (!isObj(p.language) || !str(p.language.code)) return missing('template.language.code');
  const components = Array.isArray(p.components) ? p.components.filter(isObj) : [];
  const params = components
    .filter((c) => c.type === 'body')
    .flatMap((c) => (Array.isArray(c.parameters) ? c.parameters.filter(isObj).map((x) => String(x.text ?? '')) : []));
  const buttons: OfferedButton[] = components
    .filter((c) => c.type === 'button' && c.sub_type === 'quick_reply')
    .map((c) => {
      const first = Array.isArray(c.parameters) ? c.parameters.find(isObj) : undefined;
      const payload = String(first?.payload ?? `button ${String(c.index ?? 0)}`);
      return { kind: 'template_button' as const, id: payload, title: payload };
    });
  const out: WhatsAppSend = { ...base, text: `[template ${name} (${String(p.language.code)})] ${params.join(' · ')}`.trim() };
  if (buttons.length > 0) out.buttons = buttons;
  return out;
}

function interactive(base: WhatsAppSend, p: Obj): WhatsAppSend | WhatsAppRefusal {
  const kind = str(p.type);
  if (!kind) return missing('interactive.type');
  const bodyText = isObj(p.body) ? str(p.body.text) : undefined;
  if (!bodyText) return missing('interactive.body.text');
  const action = isObj(p.action) ? p.action : {};
  if (kind === 'button') {
    const raw = Array.isArray(action.buttons) ? action.buttons.filter(isObj) : [];
    if (raw.length < 1 || raw.length > 3) return invalid('interactive button messages take 1 to 3 buttons');
    const buttons: OfferedButton[] = [];
    for (const b of raw) {
      const reply = isObj(b.reply) ? b.reply : {};
      const id = str(reply.id);
      const title = str(reply.title);
      if (!id || !title) return missing('action.buttons[].reply.id and title');
      if (title.length > 20) return invalid('button title is longer than 20 characters');
      buttons.push({ kind: 'button_reply', id, title });
    }
    return { ...base, text: bodyText, buttons };
  }
  if (kind === 'list') {
    const rows = (Array.isArray(action.sections) ? action.sections.filter(isObj) : []).flatMap((s) => (Array.isArray(s.rows) ? s.rows.filter(isObj) : []));
    if (rows.length < 1 || rows.length > 10) return invalid('interactive lists take 1 to 10 rows');
    const buttons: OfferedButton[] = rows.map((r) => ({ kind: 'list_reply', id: String(r.id ?? ''), title: String(r.title ?? '') }));
    return { ...base, text: bodyText, buttons };
  }
  return { ...base, text: bodyText, note: `interactive ${kind}` };
}
