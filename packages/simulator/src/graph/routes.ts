import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkCdnSig, checkMediaUrl } from '../media-url';
import { SAMPLE_PNG } from '../samples';
import type { Sim } from '../sim';
import { graphToken, requireGraphToken, sendGraphError, unknownObject } from './errors';
import { messengerAttachmentUpload, messengerMessages, messengerProfile } from './messenger-api';
import { whatsappMediaInfo, whatsappMessages, whatsappUpload } from './whatsapp-api';

interface NodeParams {
  version: string;
  node: string;
}

/** Graph: `/{version}/{node}/…`. The node id decides the product: our phone number id or our page. */
export function registerGraphRoutes(app: FastifyInstance, sim: Sim): void {
  const wa = sim.accounts.whatsapp;
  const page = sim.accounts.messenger;
  const isPage = (node: string, req: FastifyRequest) => node === page.pageId || (node === 'me' && graphToken(req) === page.pageAccessToken);

  app.post<{ Params: NodeParams }>('/:version/:node/messages', async (req, reply) => {
    if (badVersion(req.params.version, reply)) return reply;
    if (req.params.node === wa.phoneNumberId) return whatsappMessages(sim, req, reply);
    // `me` with a wrong token still goes to Messenger, which answers the documented 401 / 190.
    if (isPage(req.params.node, req) || req.params.node === 'me') return messengerMessages(sim, req, reply);
    return unknownObject(reply, req.params.node);
  });

  app.post<{ Params: NodeParams }>('/:version/:node/media', async (req, reply) => {
    if (badVersion(req.params.version, reply)) return reply;
    if (req.params.node !== wa.phoneNumberId) return unknownObject(reply, req.params.node);
    return whatsappUpload(sim, req, reply);
  });

  app.post<{ Params: NodeParams }>('/:version/:node/message_attachments', async (req, reply) => {
    if (badVersion(req.params.version, reply)) return reply;
    if (!isPage(req.params.node, req) && req.params.node !== 'me') return unknownObject(reply, req.params.node);
    return messengerAttachmentUpload(sim, req, reply);
  });

  app.get<{ Params: NodeParams }>('/:version/:node', async (req, reply) => {
    if (badVersion(req.params.version, reply)) return reply;
    const { node } = req.params;
    const media = sim.state.media.get(node);
    if (media && !media.url) return whatsappMediaInfo(sim, req, reply, node);
    if (sim.state.customer('messenger', node)) return messengerProfile(sim, req, reply, node);
    return unknownObject(reply, node);
  });

  app.delete<{ Params: NodeParams }>('/:version/:node', async (req, reply) => {
    if (badVersion(req.params.version, reply)) return reply;
    if (!requireGraphToken(req, reply, wa.accessToken)) return reply;
    if (!sim.state.media.delete(req.params.node)) return unknownObject(reply, req.params.node);
    return reply.send({ success: true });
  });

  // The download behind a media lookup: the same bearer token, within 5 minutes (§2.6).
  app.get<{ Querystring: { mid?: string; ext?: string; hash?: string } }>('/whatsapp_business/attachments/', async (req, reply) => {
    const { mid = '', ext = '', hash = '' } = req.query;
    const media = sim.state.media.get(mid);
    if (!media || checkMediaUrl(sim, mid, ext, hash) === 'bad') return reply.code(404).type('text/html').send('<html><body>Not Found</body></html>');
    if (graphToken(req) !== wa.accessToken) return reply.code(401).type('text/html').send('<html><body>Unauthorized</body></html>');
    if (checkMediaUrl(sim, mid, ext, hash) === 'expired') return reply.code(404).type('text/html').send('<html><body>URL signature expired</body></html>');
    return reply.type(media.mimeType).send(media.bytes);
  });

  app.get<{ Params: { id: string }; Querystring: { sig?: string } }>('/cdn/messenger/:id', async (req, reply) => {
    const media = sim.state.media.get(req.params.id);
    if (!media || !checkCdnSig(sim, req.params.id, req.query.sig ?? '')) return reply.code(403).type('text/plain').send('URL signature mismatch');
    if (media.url) return reply.redirect(media.url);
    return reply.type(media.mimeType).send(media.bytes);
  });

  app.get('/cdn/profile/:file', async (_req, reply) => reply.type('image/png').send(SAMPLE_PNG));
}

function badVersion(version: string, reply: FastifyReply): boolean {
  if (/^v\d+\.\d+$/.test(version)) return false;
  sendGraphError(reply, 400, { message: `Unknown path components: /${version}`, code: 2500 });
  return true;
}
