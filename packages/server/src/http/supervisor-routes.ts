import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  SupervisorConversationDto,
  SupervisorConversationPage,
  SupervisorConversationsQuery,
  SupervisorMessagePage,
  SupervisorMessagesQuery,
} from '@parley/protocol/api';
import type { Db } from '@parley/storage';
import type { Parley } from '../app/parley';
import type { Files } from '../app/files';
import { SupervisorReads } from '../app/supervisor/reads';
import { requireAgent } from './auth';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
type IdParams = { id: string };

/** The supervisor read API (docs/api.md, "Supervisor API"): supervisors and admins; agents get 403. */
export function supervisorRoutes(app: FastifyInstance, parley: Pick<Parley, 'core' | 'sessions'>, db: Db, files: Files): void {
  const reads = new SupervisorReads(db.kysely, parley.core.directory, (id) => files.url(id, parley.core.now));
  const onRequest = requireAgent(parley.sessions, ['supervisor', 'admin']);
  const tags = ['supervisor'];

  app.get<{ Querystring: SupervisorConversationsQuery }>(
    '/api/supervisor/conversations',
    { onRequest, schema: { tags, querystring: SupervisorConversationsQuery, response: { 200: SupervisorConversationPage } } },
    async (req) => reads.listConversations(req.query),
  );
  app.get<{ Params: IdParams }>(
    '/api/supervisor/conversations/:id',
    { onRequest, schema: { tags, params: IdParams, response: { 200: SupervisorConversationDto } } },
    async (req) => reads.getConversation(req.params.id),
  );
  app.get<{ Params: IdParams; Querystring: SupervisorMessagesQuery }>(
    '/api/supervisor/conversations/:id/messages',
    { onRequest, schema: { tags, params: IdParams, querystring: SupervisorMessagesQuery, response: { 200: SupervisorMessagePage } } },
    async (req) => reads.listMessages(req.params.id, req.query.before, req.query.limit === undefined ? 200 : Number(req.query.limit)),
  );
}
