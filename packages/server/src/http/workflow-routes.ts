import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { MAX_WORKFLOW_INPUT_CHARS, type RunWorkflowBody } from '@parley/protocol';
import type { Parley } from '../app/parley';
import { requireAgent } from './auth';

const ConversationParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
const RunParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }), workflowId: Type.String({ minLength: 1, maxLength: 64 }) });
const RunBody = Type.Object({ input: Type.Optional(Type.String({ maxLength: MAX_WORKFLOW_INPUT_CHARS })) }, { additionalProperties: false });
const RunsQuery = Type.Object(
  {
    conversationId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    workflowId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    limit: Type.Optional(Type.String({ pattern: '^([1-9][0-9]?|[1-4][0-9]{2}|500)$', description: 'an integer 1–500 (default 100)' })),
  },
  { additionalProperties: false },
);

/** Workflows (docs/workflows.md): agents list and run them from the pane; supervisors read the run log. */
export function workflowRoutes(app: FastifyInstance, parley: Pick<Parley, 'sessions' | 'workflows'>): void {
  const { workflows } = parley;
  const agent = requireAgent(parley.sessions);
  const supervisor = requireAgent(parley.sessions, ['supervisor', 'admin']);

  app.get<{ Params: { id: string } }>(
    '/api/conversations/:id/workflows',
    { onRequest: agent, schema: { tags: ['agent'], params: ConversationParams } },
    async (req) => workflows.forConversation(req.agent, req.params.id),
  );
  app.post<{ Params: { id: string; workflowId: string }; Body: RunWorkflowBody | undefined }>(
    '/api/conversations/:id/workflows/:workflowId/runs',
    {
      onRequest: agent,
      // The body is optional: none reads as `{}` (Fastify would refuse a missing body against the schema).
      preValidation: async (req) => {
        req.body ??= {};
      },
      schema: { tags: ['agent'], params: RunParams, body: RunBody },
    },
    async (req, reply) => reply.code(202).send(await workflows.start(req.agent, req.params.id, req.params.workflowId, req.body?.input)),
  );
  app.get<{ Querystring: { conversationId?: string; workflowId?: string; limit?: string } }>(
    '/api/supervisor/workflow-runs',
    { onRequest: supervisor, schema: { tags: ['supervisor'], querystring: RunsQuery } },
    async (req) => {
      const { conversationId, workflowId, limit } = req.query;
      return workflows.list({ conversationId, workflowId, limit: limit === undefined ? 100 : Number(limit) });
    },
  );
}
