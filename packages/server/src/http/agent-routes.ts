import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ConferenceBody, LoginBody, ReadBody, SendMessageBody, SetStateBody, TransferBody, WrapupBody, ChannelTypeSchema } from '@parley/protocol/api';
import type { ChannelType } from '@parley/protocol';
import type { Parley } from '../app/parley';
import { bearer, requireAgent } from './auth';
import { RATE_LIMITS, perMinute } from './rate-limit';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
type IdParams = { id: string };

/** The Agent Desktop's REST API (see docs/api.md). */
export function agentRoutes(app: FastifyInstance, parley: Pick<Parley, 'sessions' | 'desk' | 'conversations' | 'commands' | 'messages'>): void {
  const { sessions, desk, conversations, commands, messages } = parley;
  const auth = requireAgent(sessions);
  const tags = ['agent'];

  app.post<{ Body: LoginBody }>('/api/auth/login', { schema: { tags, body: LoginBody }, config: { rateLimit: perMinute(RATE_LIMITS.login) } }, async (req) =>
    sessions.login(req.body.username, req.body.password),
  );
  app.post('/api/auth/logout', { onRequest: auth, schema: { tags } }, async (req, reply) => {
    await sessions.logout(bearer(req)!);
    return reply.code(204).send();
  });
  app.get('/api/desk', { onRequest: auth, schema: { tags } }, async (req) => desk.desk(req.agent.id));
  app.get('/api/config', { onRequest: auth, schema: { tags } }, async (req) => desk.deskConfig(req.agent.id));
  app.put<{ Body: SetStateBody }>('/api/me/state', { onRequest: auth, schema: { tags, body: SetStateBody } }, async (req) =>
    commands.setState(req.agent.id, req.body.state, req.body.idleReasonId ?? null),
  );
  app.get<{ Querystring: { channel?: ChannelType } }>(
    '/api/queues',
    { onRequest: auth, schema: { tags, querystring: Type.Object({ channel: Type.Optional(ChannelTypeSchema) }) } },
    async (req) => desk.listQueues(req.query.channel, req.agent.id),
  );
  app.get('/api/agents', { onRequest: auth, schema: { tags } }, async () => desk.listAgents());

  app.get<{ Params: IdParams }>('/api/conversations/:id', { onRequest: auth, schema: { tags, params: IdParams } }, async (req) =>
    conversations.getConversation(req.agent, req.params.id),
  );
  app.get<{ Params: IdParams; Querystring: { before?: string; limit?: string } }>(
    '/api/conversations/:id/messages',
    {
      onRequest: auth,
      schema: {
        tags,
        params: IdParams,
        querystring: Type.Object({
          before: Type.Optional(Type.String({ maxLength: 128 })),
          limit: Type.Optional(Type.String({ pattern: '^([1-9][0-9]?|[1-4][0-9]{2}|500)$', description: 'an integer 1–500 (default 200)' })),
        }),
      },
    },
    async (req) => conversations.listMessages(req.agent, req.params.id, req.query.before, req.query.limit === undefined ? 200 : Number(req.query.limit)),
  );
  app.post<{ Params: IdParams }>('/api/conversations/:id/accept', { onRequest: auth, schema: { tags, params: IdParams } }, async (req) =>
    commands.accept(req.agent.id, req.params.id),
  );
  app.post<{ Params: IdParams; Body: SendMessageBody }>(
    '/api/conversations/:id/messages',
    { onRequest: auth, schema: { tags, params: IdParams, body: SendMessageBody } },
    async (req) => messages.sendAgentMessage(req.agent.id, req.params.id, req.body),
  );
  app.get<{ Params: IdParams }>('/api/conversations/:id/templates', { onRequest: auth, schema: { tags, params: IdParams } }, async (req) =>
    messages.templates(req.agent.id, req.params.id),
  );
  app.post<{ Params: IdParams; Body: ReadBody }>(
    '/api/conversations/:id/read',
    { onRequest: auth, schema: { tags, params: IdParams, body: ReadBody } },
    async (req, reply) => {
      await messages.viewed(req.agent.id, req.params.id, req.body.messageIds);
      return reply.code(204).send();
    },
  );
  app.post<{ Params: IdParams; Body: TransferBody }>(
    '/api/conversations/:id/transfer',
    { onRequest: auth, schema: { tags, params: IdParams, body: TransferBody } },
    async (req, reply) => {
      const b = req.body;
      const c = await commands.transfer(req.agent.id, req.params.id, b.target === 'queue' ? { queueId: b.queueId } : { agentId: b.agentId });
      return c ?? reply.code(204).send();
    },
  );
  app.post<{ Params: IdParams; Body: ConferenceBody }>(
    '/api/conversations/:id/conference',
    { onRequest: auth, schema: { tags, params: IdParams, body: ConferenceBody } },
    async (req) => commands.conference(req.agent.id, req.params.id, req.body),
  );
  app.post<{ Params: IdParams }>('/api/conversations/:id/conference/cancel', { onRequest: auth, schema: { tags, params: IdParams } }, async (req) =>
    commands.cancelConference(req.agent.id, req.params.id),
  );
  app.post<{ Params: IdParams }>('/api/conversations/:id/conference/exit', { onRequest: auth, schema: { tags, params: IdParams } }, async (req, reply) => {
    await commands.exitConference(req.agent.id, req.params.id);
    return reply.code(204).send();
  });
  // "End conference" is the owner ending the conversation for everyone in it (user guide F6).
  for (const path of ['/api/conversations/:id/conference/end', '/api/conversations/:id/end']) {
    app.post<{ Params: IdParams }>(path, { onRequest: auth, schema: { tags, params: IdParams } }, async (req, reply) => {
      await commands.end(req.agent.id, req.params.id);
      return reply.code(204).send();
    });
  }
  app.post<{ Params: IdParams; Body: WrapupBody }>(
    '/api/conversations/:id/wrapup',
    { onRequest: auth, schema: { tags, params: IdParams, body: WrapupBody } },
    async (req, reply) => {
      await commands.wrapup(req.agent.id, req.params.id, req.body.reasonIds);
      return reply.code(204).send();
    },
  );
}
