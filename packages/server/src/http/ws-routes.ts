import type { FastifyInstance } from 'fastify';
import type { AgentClientFrame, WebchatClientFrame, WebchatServerFrame } from '@parley/protocol';
import { DomainError } from '@parley/core';
import * as store from '@parley/storage';
import type { Parley } from '../app/parley';
import type { WebchatSessions } from '../app/customer/webchat-sessions';
import type { Metrics } from '../app/metrics';
import type { WebchatAdapter } from '@parley/channels';
import type { ChatLimiter } from '../app/chat-limiter';
import { coalescing, type BufferCap } from './coalesce';
import { SESSION_ENDED_CODE } from '../app/session-sockets';

const REPLAY_PAGE = 1000;
const MAX_FRAME = 64 * 1024;
/** Close code for one widget socket more than a chat session may hold (after an error frame). */
export const TOO_MANY_SOCKETS_CLOSE = 4429;

/** Agent event stream with resume, and the web chat customer socket. */
export function wsRoutes(
  app: FastifyInstance,
  parley: Pick<Parley, 'core' | 'sessions' | 'messages' | 'webchat' | 'customers'>,
  webchat: WebchatAdapter,
  metrics: Metrics,
  db: store.Db,
  limiter: ChatLimiter,
): void {
  const cap: BufferCap = { maxBytes: limiter.limits.socketBufferBytes, onOverflow: () => metrics.socketsOverflowed.inc() };
  app.get<{ Querystring: { token?: string; since?: string; epoch?: string } }>('/api/ws', { websocket: true }, async (socket, req) => {
    const agent = await parley.sessions.authenticate(req.query.token);
    if (!agent) {
      socket.close(SESSION_ENDED_CODE, 'unauthenticated');
      return;
    }
    const since = Math.max(0, Number(req.query.since ?? 0) || 0);
    const out = coalescing(socket, req.socket, cap);
    const { conn, close } = parley.core.hub.connect(agent.id, out, since);
    const untrack = parley.core.sessionSockets.add(agent.tokenHash, agent.expiresAt, socket);
    metrics.agentSockets.inc();
    socket.on('close', () => {
      close();
      untrack();
      metrics.agentSockets.dec();
    });
    socket.on('message', (raw: Buffer) => {
      const f = parseFrame<AgentClientFrame>(raw);
      if (f?.type === 'ping') conn.frame({ type: 'pong', t: f.t });
      else if (f?.type === 'typing' && typeof f.conversationId === 'string') {
        const typing = !!f.typing;
        parley.messages.typingFromAgent(agent.id, f.conversationId, typing, () => limiter.agentTyping(agent.id, f.conversationId, typing));
      }
    });
    try {
      const oldest = await store.minEventSeq(db.kysely);
      const resumed = since > 0;
      const { head, epoch } = parley.core.seqs;
      conn.frame({ type: 'hello', seq: since, head, epoch, agentId: agent.id, resumed });
      const why = resumed ? resyncReason(since, req.query.epoch, { head, epoch, oldest }) : null;
      if (why) {
        // The client reloads its snapshot; live events continue after what has been published.
        const from = parley.core.hub.publishedThrough;
        conn.restartFrom(from);
        conn.frame({ type: 'resync', seq: from, reason: why });
      } else if (resumed) {
        let from = since;
        for (;;) {
          const page = await store.listEventsSince(db.kysely, agent.id, from, REPLAY_PAGE);
          for (const e of page) {
            // Replay follows the reader's pace, so a long history never trips the buffer cap.
            await out.roomToWrite();
            conn.write(e.payload as never);
          }
          if (page.length < REPLAY_PAGE) break;
          from = page[page.length - 1]!.seq;
        }
      }
    } catch (err) {
      req.log.error({ err }, 'agent replay failed');
      socket.close(1011, 'replay failed');
      return;
    }
    conn.goLive();
  });

  app.get<{ Querystring: { token?: string } }>('/webchat/ws', { websocket: true }, async (socket, req) => {
    const out = coalescing(socket, req.socket, cap);
    const send = (f: WebchatServerFrame) => out.readyState === 1 && out.send(JSON.stringify(f));
    let session: Awaited<ReturnType<WebchatSessions['webchatSession']>>;
    try {
      session = await parley.webchat.webchatSession(req.query.token ?? '');
    } catch {
      send({ type: 'error', code: 'PARLEY_ERR_UNKNOWN_SESSION', message: 'Unknown or expired chat session' });
      socket.close(4404, 'unknown session');
      return;
    }
    const { conversationId } = session;
    if (webchat.socketCount(conversationId) >= limiter.limits.socketsPerChat) {
      send({ type: 'error', code: 'PARLEY_ERR_TOO_MANY_CONNECTIONS', message: `This chat is already open in ${limiter.limits.socketsPerChat} windows: close one first` });
      socket.close(TOO_MANY_SOCKETS_CLOSE, 'too many windows for this chat');
      return;
    }
    const detach = webchat.attach(conversationId, out);
    const untrack = parley.core.sessionSockets.add(session.tokenHash, session.expiresAt, socket, conversationId);
    metrics.customerSockets.inc();
    socket.on('close', () => {
      detach();
      untrack();
      metrics.customerSockets.dec();
      if (limiter.customerTyping(conversationId, false)) parley.customers.customerTyping(conversationId, false);
    });
    // Frames are handled one at a time so a customer's messages keep their order.
    let chain = Promise.resolve();
    socket.on('message', (raw: Buffer) => {
      chain = chain.then(() => handleCustomerFrame(raw)).catch((err) => req.log.error({ err }, 'web chat frame failed'));
    });
    async function handleCustomerFrame(raw: Buffer): Promise<void> {
      if (raw.length > MAX_FRAME) return void send({ type: 'error', code: 'PARLEY_ERR_PAYLOAD_TOO_LARGE', message: 'Frame too large' });
      const f = parseFrame<WebchatClientFrame>(raw);
      if (!f) return void send({ type: 'error', code: 'PARLEY_ERR_VALIDATION', message: 'Not a JSON frame' });
      try {
        switch (f.type) {
          case 'message': {
            if (typeof f.clientId !== 'string' || !f.clientId || f.clientId.length > 64 || typeof f.text !== 'string') {
              return void send({ type: 'error', code: 'PARLEY_ERR_VALIDATION', message: 'A message needs clientId and text', clientId: typeof f.clientId === 'string' ? f.clientId : undefined });
            }
            const ids = Array.isArray(f.attachmentIds) ? f.attachmentIds.filter((x): x is string => typeof x === 'string').slice(0, 100) : [];
            try {
              // Refused before anything is stored: the widget keeps the text to send again.
              limiter.customerMessage(conversationId);
              const message = await parley.customers.customerMessage(conversationId, { clientId: f.clientId, text: f.text, attachmentIds: ids });
              send({ type: 'ack', clientId: f.clientId, message });
            } catch (err) {
              if (!(err instanceof DomainError)) throw err;
              // Refused by the rules (invalid text, chat ended): nothing was stored, so it costs no allowance.
              if (err.code !== 'PARLEY_ERR_RATE_LIMITED') limiter.refundCustomerMessage(conversationId);
              return void send({ type: 'error', code: err.code, message: err.message, clientId: f.clientId });
            }
            return;
          }
          case 'typing':
            if (limiter.customerTyping(conversationId, !!f.typing)) parley.customers.customerTyping(conversationId, !!f.typing);
            return;
          case 'read':
            if (Array.isArray(f.messageIds)) await parley.customers.customerRead(conversationId, f.messageIds.filter((x): x is string => typeof x === 'string'));
            return;
          case 'end':
            return parley.customers.customerEnd(conversationId);
          case 'ping':
            return void send({ type: 'pong', t: f.t });
          default:
            return void send({ type: 'error', code: 'PARLEY_ERR_VALIDATION', message: 'Unknown frame type' });
        }
      } catch (err) {
        if (err instanceof DomainError) return void send({ type: 'error', code: err.code, message: err.message });
        throw err;
      }
    }
    try {
      send({ type: 'hello', snapshot: await parley.webchat.webchatSnapshot(conversationId) });
    } catch (err) {
      req.log.error({ err }, 'web chat snapshot failed');
      socket.close(1011, 'snapshot failed');
    }
  });
}

/** Why a resuming client must reload its snapshot instead of replaying, or null when it can replay. */
export function resyncReason(
  since: number,
  clientEpoch: string | undefined,
  server: { head: number; epoch: string; oldest: number | null },
): 'epoch' | 'ahead' | 'pruned' | null {
  // Another stream (a new or restored database): its numbers mean nothing here.
  if (clientEpoch && clientEpoch !== server.epoch) return 'epoch';
  // A number this server never handed out: replaying would skip real events as "already seen".
  if (since > server.head) return 'ahead';
  // Events after `since` were pruned.
  if (server.oldest !== null && since < server.oldest - 1) return 'pruned';
  return null;
}

function parseFrame<T extends { type: string }>(raw: Buffer): T | null {
  try {
    const v = JSON.parse(raw.toString('utf8')) as unknown;
    return v && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string' ? (v as T) : null;
  } catch {
    return null;
  }
}
