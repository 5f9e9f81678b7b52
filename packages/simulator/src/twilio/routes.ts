import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { twilioSid } from '../ids';
import type { Sim } from '../sim';
import { sendSmsStatus } from '../webhooks/twilio';
import { checkBasicAuth, twilioError, unauthorized } from './errors';
import { smsSegments } from './segments';

const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_BODY = 1600;
const MAX_MEDIA = 10;

/** Twilio's REST API as Parley's SMS adapter calls it (§3.5), plus the media URLs of inbound MMS. */
export function registerTwilioRoutes(app: FastifyInstance, sim: Sim): void {
  app.post<{ Params: { sid: string } }>('/2010-04-01/Accounts/:sid/Messages.json', async (req, reply) => createMessage(sim, req, reply));

  app.get<{ Params: { sid: string; msg: string; media: string } }>('/2010-04-01/Accounts/:sid/Messages/:msg/Media/:media', async (req, reply) => {
    const acct = sim.accounts.sms;
    if (acct.enforceMediaAuth && !checkBasicAuth(req.headers.authorization, acct.accountSid, acct.authToken)) return unauthorized(reply);
    if (smsOutage(sim, reply)) return reply;
    const media = req.params.sid === acct.accountSid ? sim.state.media.get(req.params.media) : undefined;
    if (!media) return twilioError(reply, 404, 20404, `The requested resource ${req.url} was not found`);
    return reply.type(media.mimeType).send(media.bytes);
  });
}

/** Outage and 429 switches, before anything else is looked at. Returns true when it answered. */
function smsOutage(sim: Sim, reply: FastifyReply): boolean {
  const f = sim.state.failures.sms;
  if (f.outage === 'hang') {
    sim.hold(reply);
    return true;
  }
  if (f.outage === 'error') {
    twilioError(reply, 500, 20500, 'An internal server error has occurred');
    return true;
  }
  if (f.rateLimit) {
    reply.header('retry-after', '1');
    twilioError(reply, 429, 20429, 'Too Many Requests');
    return true;
  }
  return false;
}

async function createMessage(sim: Sim, req: FastifyRequest<{ Params: { sid: string } }>, reply: FastifyReply): Promise<FastifyReply> {
  const acct = sim.accounts.sms;
  if (!checkBasicAuth(req.headers.authorization, acct.accountSid, acct.authToken)) return unauthorized(reply);
  if (req.params.sid !== acct.accountSid) return twilioError(reply, 404, 20404, `The requested resource ${req.url} was not found`);
  if (smsOutage(sim, reply)) return reply;
  const f = sim.state.failures.sms;
  const form = req.body instanceof URLSearchParams ? req.body : new URLSearchParams();
  const to = form.get('To') ?? '';
  const from = form.get('From') ?? '';
  const service = form.get('MessagingServiceSid') ?? '';
  const body = form.get('Body') ?? '';
  const mediaUrls = form.getAll('MediaUrl');
  if (!to) return twilioError(reply, 400, 21604, "A 'To' phone number is required.");
  if (!E164.test(to)) return twilioError(reply, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
  if (!from && !service) return twilioError(reply, 400, 21603, "A 'From' phone number is required.");
  if (from && from !== acct.number) {
    return twilioError(reply, 400, 21606, `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`);
  }
  if (service && service !== acct.messagingServiceSid) return twilioError(reply, 400, 21701, `The Messaging Service Sid ${service} is invalid.`);
  if (!body && mediaUrls.length === 0) return twilioError(reply, 400, 21602, 'Message body is required.');
  if (body.length > MAX_BODY) return twilioError(reply, 400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
  if (mediaUrls.length > MAX_MEDIA) return twilioError(reply, 400, 21623, 'The number of media files exceeds the allowed limit of 10.');
  if (f.optedOut) return twilioError(reply, 400, 21610, 'Attempt to send to unsubscribed recipient');

  const sid = twilioSid(mediaUrls.length > 0 ? 'MM' : 'SM');
  const fromNumber = from || acct.number;
  const entry = sim.state.addChat({ id: sid, channel: 'sms', customer: to, direction: 'out', status: service ? 'accepted' : 'queued', text: body });
  if (mediaUrls[0]) entry.media = { kind: 'image', url: mediaUrls[0] };
  const callbackUrl = form.get('StatusCallback');
  const undelivered = f.undelivered;
  reply.raw.once('finish', () =>
    sim.later(() => {
      const base = { sid, from: fromNumber, to, ...(service ? { messagingServiceSid: service } : {}) };
      const step = (status: 'queued' | 'sent' | 'delivered' | 'undelivered', extra: { errorCode?: number; dlrAt?: number } = {}) => {
        sim.state.setStatus(entry, status, extra.errorCode ? `${extra.errorCode}` : undefined);
        if (callbackUrl) void sendSmsStatus(sim, acct, { callbackUrl, status, ...base, ...extra });
      };
      // No callback for the initial status (§3.4): `queued` is only news after a Messaging Service's `accepted`.
      if (service) step('queued');
      step('sent');
      if (undelivered) step('undelivered', { errorCode: 30003, dlrAt: sim.state.now() });
      else step('delivered', { dlrAt: sim.state.now() });
    }),
  );
  return reply.code(201).send(messageResource(sim, { sid, to, from: fromNumber, service, body, numMedia: mediaUrls.length }));
}

interface Created {
  sid: string;
  to: string;
  from: string;
  service: string;
  body: string;
  numMedia: number;
}

/** The 201 body (`api.v2010.account.message`): counts are strings, dates RFC 2822. */
function messageResource(sim: Sim, m: Created): Record<string, unknown> {
  const acct = sim.accounts.sms.accountSid;
  const now = new Date(sim.state.now()).toUTCString().replace('GMT', '+0000');
  const uri = `/2010-04-01/Accounts/${acct}/Messages/${m.sid}`;
  return {
    account_sid: acct,
    api_version: '2010-04-01',
    body: m.body,
    date_created: now,
    date_sent: null,
    date_updated: now,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: m.service ? null : m.from,
    messaging_service_sid: m.service || null,
    num_media: String(m.numMedia),
    num_segments: m.service ? '0' : String(smsSegments(m.body)),
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: m.service ? 'accepted' : 'queued',
    subresource_uris: { media: `${uri}/Media.json` },
    to: m.to,
    uri: `${uri}.json`,
  };
}
