import type { TemplateUse } from '@parley/protocol';
import type {
  AgentDto,
  AttachmentDto,
  ConversationDto,
  DeskConfig,
  DeskSnapshot,
  LoginResult,
  MessageDto,
  QueueDto,
  ConversationWorkflows,
  WorkflowRunDto,
} from '@parley/protocol';
import { request } from './http';
import type { SendExtras } from '../state/unsent';

const conv = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

export const api = {
  login: (username: string, password: string) => request<LoginResult>('POST', '/api/auth/login', { username, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  desk: () => request<DeskSnapshot>('GET', '/api/desk'),
  config: () => request<DeskConfig>('GET', '/api/config'),
  setState: (state: 'available' | 'idle', idleReasonId?: string | null) =>
    request<AgentDto>('PUT', '/api/me/state', state === 'idle' ? { state, idleReasonId: idleReasonId ?? null } : { state }),
  queues: (channel: string) => request<QueueDto[]>('GET', `/api/queues?channel=${encodeURIComponent(channel)}`),
  agents: () => request<AgentDto[]>('GET', '/api/agents'),
  conversation: (id: string) => request<ConversationDto>('GET', conv(id)),
  messages: (id: string, opts: { before?: string; limit?: number } = {}) => {
    const q = new URLSearchParams();
    if (opts.before) q.set('before', opts.before);
    if (opts.limit) q.set('limit', String(opts.limit));
    const qs = q.toString();
    return request<{ messages: MessageDto[]; hasMore: boolean }>('GET', `${conv(id)}/messages${qs ? `?${qs}` : ''}`);
  },
  accept: (id: string) => request<ConversationDto>('POST', `${conv(id)}/accept`),
  workflows: (id: string) => request<ConversationWorkflows>('GET', `${conv(id)}/workflows`),
  runWorkflow: (id: string, workflowId: string, input?: string) =>
    request<WorkflowRunDto>('POST', `${conv(id)}/workflows/${encodeURIComponent(workflowId)}/runs`, input ? { input } : {}),
  send: (id: string, clientId: string, text: string, template?: TemplateUse, extras: SendExtras = {}) =>
    request<MessageDto>('POST', `${conv(id)}/messages`, { clientId, text, ...(template ? { template } : {}), ...extras }),
  /** With the conversation, the server checks that channel's limits at once. */
  upload: (file: File, conversationId?: string) => {
    const form = new FormData();
    form.append('file', file);
    return request<AttachmentDto>('POST', `/api/attachments${conversationId ? `?conversationId=${encodeURIComponent(conversationId)}` : ''}`, form);
  },
  transferToQueue: (id: string, queueId: string) =>
    request<ConversationDto>('POST', `${conv(id)}/transfer`, { target: 'queue', queueId }),
  transferToAgent: (id: string, agentId: string) =>
    request<ConversationDto>('POST', `${conv(id)}/transfer`, { target: 'agent', agentId }),
  conference: (id: string, target: { agentId: string } | { queueId: string }) => request<ConversationDto>('POST', `${conv(id)}/conference`, target),
  cancelConference: (id: string) => request<ConversationDto>('POST', `${conv(id)}/conference/cancel`),
  exitConference: (id: string) => request<unknown>('POST', `${conv(id)}/conference/exit`),
  endConference: (id: string) => request<unknown>('POST', `${conv(id)}/conference/end`),
  end: (id: string) => request<unknown>('POST', `${conv(id)}/end`),
  wrapup: (id: string, reasonIds: string[]) => request<void>('POST', `${conv(id)}/wrapup`, { reasonIds }),
  /** The agent saw these customer messages (at most 50): the server marks them read at the provider. */
  markRead: (id: string, messageIds: string[]) => request<unknown>('POST', `${conv(id)}/read`, { messageIds }),
};

/** Some command answers are a ConversationDto, some are not documented: accept only the real thing. */
export function asConversation(v: unknown): ConversationDto | null {
  if (v && typeof v === 'object' && 'id' in v && 'participants' in v && 'channel' in v) return v as ConversationDto;
  return null;
}
