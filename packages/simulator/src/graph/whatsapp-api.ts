import type { FastifyReply, FastifyRequest } from 'fastify';
import { graphId, wamid } from '../ids';
import { whatsappMediaUrl } from '../media-url';
import type { Sim } from '../sim';
import { RE_ENGAGEMENT, sendWhatsAppStatus } from '../webhooks/whatsapp';
import { graphBody } from './body';
import { invalidParam, requireGraphToken, sendGraphError, unknownObject, whatsappError } from './errors';
import { afterResponse, readMultipart } from './http-util';
import { checkWhatsAppSend, type WhatsAppSend } from './whatsapp-validate';

type Obj = Record<string, unknown>;

/** How long WhatsApp shows "typing…" after a typing indicator (§2.5). */
const TYPING_MS = 25_000;

/** Outage and 429 switches, before anything else is looked at. Returns true when it answered. */
export function whatsappOutage(sim: Sim, reply: FastifyReply): boolean {
  const f = sim.state.failures.whatsapp;
  if (f.outage === 'hang') {
    sim.hold(reply);
    return true;
  }
  if (f.outage === 'error') {
    sendGraphError(reply, 500, { message: 'An unknown error has occurred.', code: 1, is_transient: true });
    return true;
  }
  if (f.rateLimit) {
    whatsappError(reply, 429, 130429, 'Rate limit hit', 'Cloud API message throughput has been reached.');
    return true;
  }
  return false;
}

/** `POST /{version}/{phone-number-id}/messages`: a message, or `status: read` (+ typing indicator). */
export function whatsappMessages(sim: Sim, req: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  if (!requireGraphToken(req, reply, sim.accounts.whatsapp.accessToken)) return reply;
  if (whatsappOutage(sim, reply)) return reply;
  const body = graphBody(req.body);
  if (body.status === 'read') return markRead(sim, body, reply);
  const send = checkWhatsAppSend(body, sim.state);
  if ('code' in send) return whatsappError(reply, 400, send.code, send.message, send.details);
  const windowSwitch = sim.state.failures.whatsapp.window;
  if (windowSwitch === 'sync' && !send.template) {
    return whatsappError(reply, 400, RE_ENGAGEMENT.code, RE_ENGAGEMENT.title, RE_ENGAGEMENT.details);
  }
  const id = wamid();
  const entry = sim.state.addChat({ id, channel: 'whatsapp', customer: send.to, direction: 'out', status: 'accepted', ...pick(send) });
  if (send.opaque !== undefined) entry.callbackData = send.opaque;
  sim.state.typing.delete(`whatsapp:${send.to}`);
  const extra = { opaque: send.opaque, template: send.template };
  afterResponse(reply, () =>
    sim.later(() => {
      if (windowSwitch === 'status' && !send.template) {
        void sendWhatsAppStatus(sim, entry, 'failed', { ...extra, error: RE_ENGAGEMENT });
        return;
      }
      void sendWhatsAppStatus(sim, entry, 'sent', extra);
      void sendWhatsAppStatus(sim, entry, 'delivered', extra);
    }),
  );
  const message: Obj = { id };
  if (send.template) message.message_status = 'accepted';
  return reply.send({ messaging_product: 'whatsapp', contacts: [{ input: String(body.to), wa_id: send.to }], messages: [message] });
}

function pick(send: WhatsAppSend): Pick<WhatsAppSend, 'text' | 'media' | 'buttons' | 'note'> {
  const out: Pick<WhatsAppSend, 'text' | 'media' | 'buttons' | 'note'> = {};
  if (send.text !== undefined) out.text = send.text;
  if (send.media) out.media = send.media;
  if (send.buttons) out.buttons = send.buttons;
  if (send.note) out.note = send.note;
  return out;
}

/** Marking one message read marks every earlier one from that customer read too (§2.5). */
function markRead(sim: Sim, body: Obj, reply: FastifyReply): FastifyReply {
  const target = typeof body.message_id === 'string' ? sim.state.findChat('whatsapp', body.message_id) : undefined;
  if (target?.direction !== 'in') {
    return whatsappError(reply, 400, 100, 'Invalid parameter', `message_id: no inbound message ${String(body.message_id)}`);
  }
  for (const e of sim.state.chat) {
    if (e.channel === 'whatsapp' && e.direction === 'in' && e.customer === target.customer && e.at <= target.at) e.status = 'read';
  }
  const typing = body.typing_indicator as Obj | undefined;
  if (typing && typing.type === 'text') sim.state.typing.set(`whatsapp:${target.customer}`, sim.state.now() + TYPING_MS);
  sim.state.touch();
  return reply.send({ success: true });
}

/** `POST /{version}/{phone-number-id}/media`: multipart `messaging_product`, `type`, `file` → `{ id }`. */
export async function whatsappUpload(sim: Sim, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  if (!requireGraphToken(req, reply, sim.accounts.whatsapp.accessToken)) return reply;
  if (whatsappOutage(sim, reply)) return reply;
  const form = await readMultipart(req);
  if (!form) return invalidParam(reply, 'Upload the file as multipart/form-data.');
  if (form.fields.messaging_product !== 'whatsapp') return invalidParam(reply, 'The parameter messaging_product is required.');
  if (!form.file) return invalidParam(reply, 'The parameter file is required.');
  const mimeType = form.fields.type ?? form.file.mimeType;
  const stored = sim.state.putMedia(graphId(), form.file.bytes, mimeType, form.file.filename);
  return reply.send({ id: stored.id });
}

/** `GET /{version}/{media-id}` → a download URL valid for 5 minutes (§2.6). */
export function whatsappMediaInfo(sim: Sim, req: FastifyRequest, reply: FastifyReply, id: string): FastifyReply {
  if (!requireGraphToken(req, reply, sim.accounts.whatsapp.accessToken)) return reply;
  if (whatsappOutage(sim, reply)) return reply;
  const m = sim.state.media.get(id);
  if (!m) return unknownObject(reply, id);
  return reply.send({ messaging_product: 'whatsapp', url: whatsappMediaUrl(sim, id), mime_type: m.mimeType, sha256: m.sha256, file_size: String(m.bytes.length), id });
}
