import type { FastifyReply, FastifyRequest } from 'fastify';
import { graphId, mid } from '../ids';
import { messengerCdnUrl } from '../media-url';
import type { Sim } from '../sim';
import type { ChatEntry } from '../state';
import { sendMessengerDelivery, sendMessengerEcho } from '../webhooks/messenger';
import { graphBody } from './body';
import { invalidParam, requireGraphToken, sendGraphError } from './errors';
import { afterResponse, readMultipart } from './http-util';
import { checkMessengerSend, type MessengerSend } from './messenger-validate';

type Obj = Record<string, unknown>;

/** Messenger shows "typing…" for about 20 s after typing_on (§1.7). */
const TYPING_MS = 20_000;

function messengerOutage(sim: Sim, reply: FastifyReply): boolean {
  const f = sim.state.failures.messenger;
  if (f.outage === 'hang') {
    sim.hold(reply);
    return true;
  }
  if (f.outage === 'error') {
    sendGraphError(reply, 500, { message: 'An unexpected error has occurred. Please retry your request later.', code: 2, is_transient: true });
    return true;
  }
  if (f.rateLimit) {
    sendGraphError(reply, 429, { message: '(#4) Application request limit reached', code: 4, is_transient: true });
    return true;
  }
  return false;
}

/** 10/2018278 (§1.5): past 24 h only MESSAGE_TAG + HUMAN_AGENT passes; past 7 days nothing does. */
function outsideWindow(sim: Sim, send: MessengerSend): boolean {
  const w = sim.state.failures.messenger.window;
  if (w === '7d') return true;
  return w === '24h' && !(send.messagingType === 'MESSAGE_TAG' && send.tag === 'HUMAN_AGENT');
}

/** `POST /{version}/{page-id|me}/messages`: a message or a sender action. */
export function messengerMessages(sim: Sim, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (!requireGraphToken(req, reply, sim.accounts.messenger.pageAccessToken)) return reply;
  if (messengerOutage(sim, reply)) return reply;
  const send = checkMessengerSend(graphBody(req.body));
  if (typeof send === 'string') return invalidParam(reply, send);
  if (!sim.state.customer('messenger', send.psid)) {
    return sendGraphError(reply, 400, { message: '(#100) No matching user found', code: 100, error_subcode: 2018001 });
  }
  if (send.reaction) return businessReacts(sim, send.psid, send.reaction, reply);
  if (send.action) return senderAction(sim, send.psid, send.action, reply);
  if (outsideWindow(sim, send)) {
    return sendGraphError(reply, 400, { message: '(#10) This message is sent outside of allowed window.', code: 10, error_subcode: 2018278 });
  }
  if (send.media?.mediaId && !sim.state.media.has(send.media.mediaId)) {
    return invalidParam(reply, `param message[attachment][payload][attachment_id]: no attachment ${send.media.mediaId}`);
  }
  const id = mid();
  const entry = sim.state.addChat({ id, channel: 'messenger', customer: send.psid, direction: 'out', status: 'accepted', ...shown(send) });
  sim.state.typing.delete(`messenger:${send.psid}`);
  afterResponse(reply, () => sim.later(() => echoAndDeliver(sim, entry, send)));
  return reply.send({ recipient_id: send.psid, message_id: id });
}

function shown(send: MessengerSend): Pick<ChatEntry, 'text' | 'media' | 'buttons' | 'note'> {
  const out: Pick<ChatEntry, 'text' | 'media' | 'buttons' | 'note'> = {};
  if (send.text !== undefined) out.text = send.text;
  if (send.media) out.media = send.media;
  if (send.buttons) out.buttons = send.buttons;
  if (send.tag) out.note = `${send.messagingType} ${send.tag}`;
  return out;
}

function echoAndDeliver(sim: Sim, entry: ChatEntry, send: MessengerSend): void {
  const echo: Obj = { mid: entry.id };
  if (send.metadata !== undefined) echo.metadata = send.metadata;
  if (send.text !== undefined) echo.text = send.text;
  if (send.media) {
    const url = send.media.url ?? (send.media.mediaId ? messengerCdnUrl(sim, send.media.mediaId) : undefined);
    echo.attachments = [{ type: send.media.kind, payload: { url } }];
  }
  void sendMessengerEcho(sim, entry.customer, echo);
  sim.state.setStatus(entry, 'delivered');
  void sendMessengerDelivery(sim, entry.customer, [entry.id], sim.state.now());
}

/** `react` / `unreact` on one of the customer's messages: the customer's phone shows it on that message. */
function businessReacts(sim: Sim, psid: string, reaction: { messageId: string; emoji?: string }, reply: FastifyReply): FastifyReply {
  const target = sim.state.findChat('messenger', reaction.messageId);
  if (target?.direction !== 'in' || target.customer !== psid) {
    return invalidParam(reply, `param payload[message_id]: no message ${reaction.messageId} from ${psid}`);
  }
  if (reaction.emoji) target.businessReaction = reaction.emoji;
  else delete target.businessReaction;
  sim.state.touch();
  return reply.send({ recipient_id: psid });
}

function senderAction(sim: Sim, psid: string, action: string, reply: FastifyReply): FastifyReply {
  const key = `messenger:${psid}`;
  if (action === 'typing_on') sim.state.typing.set(key, sim.state.now() + TYPING_MS);
  if (action === 'typing_off') sim.state.typing.delete(key);
  if (action === 'mark_seen') {
    for (const e of sim.state.chat) if (e.channel === 'messenger' && e.direction === 'in' && e.customer === psid) e.status = 'read';
  }
  sim.state.touch();
  return reply.send({ recipient_id: psid });
}

/** `POST /{version}/{page-id}/message_attachments`: multipart `message` + `filedata`, or JSON with a url. */
export async function messengerAttachmentUpload(sim: Sim, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  if (!requireGraphToken(req, reply, sim.accounts.messenger.pageAccessToken)) return reply;
  if (messengerOutage(sim, reply)) return reply;
  const form = await readMultipart(req);
  const rawMessage = form ? form.fields.message : graphBody(req.body).message;
  let message: unknown = rawMessage;
  if (typeof rawMessage === 'string') {
    try {
      message = JSON.parse(rawMessage);
    } catch {
      return invalidParam(reply, 'param message must be a JSON object.');
    }
  }
  const attachment = (message as { attachment?: { type?: unknown; payload?: { url?: unknown } } } | undefined)?.attachment;
  if (!attachment || typeof attachment.type !== 'string') return invalidParam(reply, 'param message[attachment] is required.');
  const id = graphId();
  if (form?.file) {
    sim.state.putMedia(id, form.file.bytes, form.file.mimeType, form.file.filename);
  } else if (typeof attachment.payload?.url === 'string') {
    sim.state.putMedia(id, Buffer.alloc(0), 'application/octet-stream').url = attachment.payload.url;
  } else {
    return invalidParam(reply, 'Upload a filedata part or give message[attachment][payload][url].');
  }
  return reply.send({ attachment_id: id });
}

/** `GET /{version}/{psid}?fields=…` (§1.8): only for someone who has talked to the page. */
export function messengerProfile(sim: Sim, req: FastifyRequest, reply: FastifyReply, psid: string): FastifyReply {
  if (!requireGraphToken(req, reply, sim.accounts.messenger.pageAccessToken)) return reply;
  if (messengerOutage(sim, reply)) return reply;
  const customer = sim.state.customer('messenger', psid);
  const [first = '', ...rest] = (customer?.name ?? '').split(/\s+/);
  const fields = String((req.query as Obj).fields ?? 'first_name,last_name,profile_pic').split(',');
  const all: Obj = { first_name: first, last_name: rest.join(' '), profile_pic: `${sim.baseUrl()}/cdn/profile/${psid}.png` };
  const out: Obj = {};
  for (const f of fields) if (f in all) out[f] = all[f];
  out.id = psid;
  return reply.send(out);
}
