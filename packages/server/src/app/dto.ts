import type { AgentDto, ConversationDto, CustomerDto, MessageDto, OfferDto, QueueDto, ChannelType } from '@parley/protocol';
import type { AgentRecord as EngineAgent, ConversationState, Offer, RoutingEngine } from '@parley/core';
import type { CustomerRecord, MessageRecord, QueueRecord } from '@parley/storage';
import { entryPointAddress } from '@parley/channels';
import type { Directory } from './directory';

/** What a conversation has beyond routing: who the customer is and where they came in. */
export interface ConversationMeta {
  customer: CustomerDto;
  /** The id the channel reaches the customer by (wa_id, PSID, phone number, e-mail). */
  externalId: string;
  entryPointId: string;
  subject: string | null;
  /** When the customer last wrote: reply windows count from it. */
  lastInboundAt: number | null;
}

export function customerDto(c: CustomerRecord): CustomerDto {
  return { id: c.id, channel: c.channel as ChannelType, name: c.name, email: c.email, phone: c.phone };
}

export function offerDto(conversationId: string, o: Offer): OfferDto {
  return { conversationId, ...o };
}

export function conversationDto(dir: Directory, c: ConversationState, meta: ConversationMeta): ConversationDto {
  const ep = dir.entryPoints.get(meta.entryPointId);
  return {
    id: c.id,
    channel: c.channel,
    entryPointId: meta.entryPointId,
    entryPointName: ep?.name ?? meta.entryPointId,
    entryPointAddress: ep ? entryPointAddress(ep) : '',
    entryPointNumberKind: numberKind(ep?.settings),
    lastInboundAt: meta.lastInboundAt,
    queueId: c.queueId,
    queueName: dir.queueName(c.queueId),
    customer: meta.customer,
    status: c.status,
    ownerAgentId: c.ownerAgentId,
    participants: c.participants.map((p) => ({ ...p })),
    offer: c.offer ? offerDto(c.id, c.offer) : null,
    conferenceRequest: c.conferenceRequest ? { queueId: c.conferenceRequest.queueId, queueName: dir.queueName(c.conferenceRequest.queueId) } : null,
    createdAt: c.createdAt,
    queuedAt: c.queuedAt,
    acceptedAt: c.acceptedAt,
    endedAt: c.endedAt,
    endedBy: c.endedBy,
    subject: meta.subject,
  };
}

function numberKind(settings: Record<string, unknown> | undefined): ConversationDto['entryPointNumberKind'] {
  const k = settings?.numberKind;
  return k === 'long_code' || k === 'short_code' || k === 'toll_free' ? k : null;
}

export function agentDto(dir: Directory, engine: RoutingEngine, id: string, live?: EngineAgent): AgentDto | null {
  const profile = dir.agents.get(id);
  const a = live ?? engine.getAgent(id);
  if (!profile || !a) return null;
  return {
    ...dir.agentProfile(profile),
    state: a.state,
    idleReasonId: a.idleReasonId,
    stateChangedAt: a.stateChangedAt,
    load: engine.loadOf(id),
    queueIds: engine.queueIdsOf(id),
  };
}

/** `exceptAgentId`: leave that agent out of `availableAgents` (the agent looking for a transfer target). */
export function queueDto(engine: RoutingEngine, q: QueueRecord, exceptAgentId?: string): QueueDto {
  return {
    id: q.id,
    name: q.name,
    channel: q.channel as ChannelType,
    strategy: 'longest-available',
    offerTimeoutSeconds: q.offerTimeoutMs / 1000,
    maxWaitSeconds: q.maxWaitMs / 1000,
    transferFallback: q.transferFallback === 'requeue' ? 'requeue' : 'drop',
    reopenTo: q.reopenTo === 'lastAgent' ? 'lastAgent' : 'queue',
    overflowQueueId: q.overflowQueueId,
    agentIds: q.agentIds,
    teamIds: q.teamIds,
    hours: q.hours ?? null,
    waiting: engine.waitingCount(q.id),
    availableAgents: engine.availableAgentsIn(q.id, exceptAgentId),
  };
}

export function messageDto(m: MessageRecord, fileUrl: (id: string) => string): MessageDto {
  const attachments = (m.attachments as { id: string; name: string; mimeType: string; size: number }[]).map((a) => ({
    ...a,
    url: fileUrl(a.id),
  }));
  return {
    id: m.id,
    conversationId: m.conversationId,
    direction: m.direction as MessageDto['direction'],
    authorType: m.authorType as MessageDto['authorType'],
    authorId: m.authorId,
    authorName: m.authorName,
    text: m.text,
    attachments,
    notice: (m.notice as MessageDto['notice']) ?? null,
    clientId: m.clientId,
    status: m.status as MessageDto['status'],
    statusReason: m.statusReason,
    createdAt: m.createdAt,
    providerId: m.providerId,
    ...detailsDto(m.details),
  };
}

/** The stored details, only the fields that are set (most messages have none). */
export function detailsDto(d: MessageRecord['details']): Partial<MessageDto> {
  if (!d) return {};
  const out: Partial<MessageDto> = {};
  if (d.content) out.content = d.content as MessageDto['content'];
  if (d.replyTo) out.replyTo = d.replyTo;
  if (d.forwarded) out.forwarded = true;
  if (d.referral) out.referral = d.referral as MessageDto['referral'];
  if (d.reactions?.length) out.reactions = d.reactions;
  if (d.external) out.external = true;
  if (d.email) {
    // What replies need (References, Thread-Index) stays on the server.
    const { references: _r, threadIndexHeader: _h, threadIndexRoot: _t, ...email } = d.email;
    out.email = email as unknown as MessageDto['email'];
  }
  return out;
}
