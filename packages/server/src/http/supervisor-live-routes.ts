import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { LiveConversationsQuery, SupervisorSetStateSchema } from '@parley/protocol/api';
import type { LiveConversationRow, SupervisorClientFrame, SupervisorServerFrame } from '@parley/protocol';
import * as store from '@parley/storage';
import type { Db } from '@parley/storage';
import type { Parley } from '../app/parley';
import type { Metrics } from '../app/metrics';
import type { ChatLimiter } from '../app/chat-limiter';
import { SESSION_ENDED_CODE } from '../app/session-sockets';
import { changeAgentState } from '../app/supervisor/live/agent-state';
import { liveConversationRow } from '../app/supervisor/live/rows';
import { MAX_FOLLOWS } from '../app/supervisor/live/supervision';
import { DomainError } from '@parley/core';
import { requireAgent } from './auth';
import { coalescing } from './coalesce';
import { errorBody } from './errors';

const ROLES = ['supervisor', 'admin'] as const;
/** A queue may hold thousands: the list shows the longest waiting, and says how many there are. */
const LIST_LIMIT = 200;
/** Close code for a signed-in user whose role may not watch the floor. */
export const FORBIDDEN_CLOSE = 4403;
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });

/** The supervisor live view: its socket, open conversations per queue or agent, and changing an agent's state. */
export function supervisorLiveRoutes(app: FastifyInstance, parley: Pick<Parley, 'core' | 'sessions'>, db: Db, metrics: Metrics, limiter: ChatLimiter): void {
  const { core } = parley;
  const onRequest = requireAgent(parley.sessions, [...ROLES]);
  const tags = ['supervisor'];

  app.get<{ Querystring: LiveConversationsQuery }>(
    '/api/supervisor/live/conversations',
    { onRequest, schema: { tags, querystring: LiveConversationsQuery } },
    async (req): Promise<{ conversations: LiveConversationRow[]; total: number }> => {
      const { queueId, agentId } = req.query;
      if (!queueId === !agentId) throw new DomainError('PARLEY_ERR_VALIDATION', 'querystring: give queueId or agentId (one of them)');
      const all = core.supervision.conversationsOf({ queueId, agentId });
      return { conversations: all.slice(0, LIST_LIMIT).map((c) => liveConversationRow(core, c)), total: all.length };
    },
  );

  app.post<{ Params: { id: string }; Body: SupervisorSetStateSchema }>(
    '/api/supervisor/agents/:id/state',
    { onRequest, schema: { tags, params: IdParams, body: SupervisorSetStateSchema } },
    async (req) => changeAgentState(core, req.agent, req.params.id, req.body),
  );

  const cap = { maxBytes: limiter.limits.socketBufferBytes, onOverflow: () => metrics.socketsOverflowed.inc() };
  app.get<{ Querystring: { token?: string } }>('/api/supervisor/ws', { websocket: true }, async (socket, req) => {
    const user = await parley.sessions.authenticate(req.query.token);
    const refuse = (code: number, f: SupervisorServerFrame & { type: 'error' }) => {
      socket.send(JSON.stringify(f));
      socket.close(code, f.code);
    };
    if (!user) return refuse(SESSION_ENDED_CODE, { type: 'error', ...errorBody('PARLEY_ERR_UNAUTHENTICATED').error });
    if (!(ROLES as readonly string[]).includes(user.role)) return refuse(FORBIDDEN_CLOSE, { type: 'error', ...errorBody('PARLEY_ERR_FORBIDDEN', 'Supervisors and admins only').error });

    const viewer = core.supervision.connect(coalescing(socket, req.socket, cap));
    const untrack = core.sessionSockets.add(user.tokenHash, user.expiresAt, socket);
    socket.on('close', () => {
      core.supervision.disconnect(viewer);
      untrack();
    });
    // One frame at a time: a follow answers before the next frame is read.
    let chain = Promise.resolve();
    socket.on('message', (raw: Buffer) => {
      chain = chain.then(() => onFrame(raw)).catch((err) => req.log.error({ err }, 'supervisor frame failed'));
    });
    async function onFrame(raw: Buffer): Promise<void> {
      const f = parse(raw);
      const error = (code: 'PARLEY_ERR_VALIDATION' | 'PARLEY_ERR_NOT_FOUND' | 'PARLEY_ERR_CONFLICT', message: string, conversationId?: string) =>
        viewer.send({ type: 'error', code, message, ...(conversationId !== undefined && { conversationId }) });
      if (!f) return error('PARLEY_ERR_VALIDATION', 'Not a JSON frame with a known type');
      if (f.type === 'ping') return viewer.send({ type: 'pong', t: typeof f.t === 'number' ? f.t : 0 });
      const id = f.conversationId;
      if (typeof id !== 'string' || id.length === 0 || id.length > 128) return error('PARLEY_ERR_VALIDATION', `${f.type} needs a conversationId`);
      if (f.type === 'unfollow') return core.supervision.unfollow(viewer, id);
      // Open ones are in the router; closed ones only in storage (their thread can still be read).
      if (!core.engine.getConversation(id) && !(await store.getConversation(db.kysely, id))) return error('PARLEY_ERR_NOT_FOUND', 'No such conversation', id);
      if (!core.supervision.follow(viewer, id)) return error('PARLEY_ERR_CONFLICT', `Follow at most ${MAX_FOLLOWS} conversations at once`, id);
      viewer.send({ type: 'following', conversationId: id });
    }
  });
}

function parse(raw: Buffer): SupervisorClientFrame | null {
  try {
    const v = JSON.parse(raw.toString('utf8')) as { type?: unknown } | null;
    return v && typeof v === 'object' && (v.type === 'follow' || v.type === 'unfollow' || v.type === 'ping') ? (v as SupervisorClientFrame) : null;
  } catch {
    return null;
  }
}
