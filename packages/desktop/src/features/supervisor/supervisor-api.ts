import type { AgentDto, LiveConversationRow, SupervisorConversationDto, SupervisorConversationPage, SupervisorMessagePage, SupervisorSetStateBody, WorkflowRunDto } from '@parley/protocol';
import { request } from '../../api/http';

const enc = encodeURIComponent;
/** The first 200, longest waiting first; `total` counts them all. */
export type LiveConversationPage = { conversations: LiveConversationRow[]; total: number };

/** The supervisor REST calls (docs/api.md, "Supervisor API" and "Supervisor live"). */
export const supervisorApi = {
  conversationsOfQueue: (queueId: string) =>
    request<LiveConversationPage>('GET', `/api/supervisor/live/conversations?queueId=${enc(queueId)}`),
  conversationsOfAgent: (agentId: string) =>
    request<LiveConversationPage>('GET', `/api/supervisor/live/conversations?agentId=${enc(agentId)}`),
  conversation: (id: string) => request<SupervisorConversationDto>('GET', `/api/supervisor/conversations/${enc(id)}`),
  messages: (id: string) => request<SupervisorMessagePage>('GET', `/api/supervisor/conversations/${enc(id)}/messages?limit=500`),
  /** Newest first: what agents ran in this conversation. */
  workflowRuns: (conversationId: string) => request<{ runs: WorkflowRunDto[] }>('GET', `/api/supervisor/workflow-runs?conversationId=${enc(conversationId)}&limit=100`),
  /** Any conversation, newest first (50): by the customer's provider id and status. */
  findConversations: (q: { customerExternalId?: string; status?: string }) => {
    const params = new URLSearchParams({ limit: '50' });
    if (q.customerExternalId) params.set('customerExternalId', q.customerExternalId);
    if (q.status) params.set('status', q.status);
    return request<SupervisorConversationPage>('GET', `/api/supervisor/conversations?${params}`);
  },
  setAgentState: (agentId: string, body: SupervisorSetStateBody) => request<AgentDto>('POST', `/api/supervisor/agents/${enc(agentId)}/state`, body),
};
