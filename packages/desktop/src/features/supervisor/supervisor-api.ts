import type { AgentDto, LiveConversationRow, SupervisorConversationDto, SupervisorMessagePage, SupervisorSetStateBody, WorkflowRunDto } from '@parley/protocol';
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
  setAgentState: (agentId: string, body: SupervisorSetStateBody) => request<AgentDto>('POST', `/api/supervisor/agents/${enc(agentId)}/state`, body),
};
