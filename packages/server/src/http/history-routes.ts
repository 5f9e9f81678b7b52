import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ConversationHistoryQuery } from '@parley/protocol/api';
import type { Parley } from '../app/parley';
import { CustomerHistory } from '../app/reads/history';
import { requireAgent } from './auth';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
type IdParams = { id: string };

const DEFAULT_LIMIT = 5;

/** The customer's earlier conversations, for the agent handling conversation :id (docs/api.md). */
export function historyRoutes(app: FastifyInstance, parley: Pick<Parley, 'core' | 'sessions' | 'conversations'>): void {
  const history = new CustomerHistory(parley.core, parley.conversations);
  app.get<{ Params: IdParams; Querystring: ConversationHistoryQuery }>(
    '/api/conversations/:id/history',
    { onRequest: requireAgent(parley.sessions), schema: { tags: ['agent'], params: IdParams, querystring: ConversationHistoryQuery } },
    async (req) =>
      history.list(req.agent, req.params.id, req.query.before, req.query.limit === undefined ? DEFAULT_LIMIT : Number(req.query.limit)),
  );
}
