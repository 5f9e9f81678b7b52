import type { AgentDto, ChannelType, ConversationDto, DeskConfig, DeskSnapshot, OfferDto, QueueDto } from '@parley/protocol';
import type { AppCore } from '../core';
import { offerDto, queueDto } from '../dto';

/** What the Agent Desktop loads: its snapshot (with the event seq it is at), its configuration, queues and agents. */
export class DeskReads {
  constructor(private readonly core: AppCore) {}

  listAgents(): AgentDto[] {
    return [...this.core.directory.agents.keys()].flatMap((id) => this.core.agentDto(id) ?? []);
  }

  /** `exceptAgentId`: the asking agent, left out of each queue's `availableAgents`. */
  listQueues(channel?: ChannelType, exceptAgentId?: string): QueueDto[] {
    return [...this.core.directory.queues.values()]
      .filter((q) => !channel || q.channel === channel)
      .map((q) => queueDto(this.core.engine, q, exceptAgentId));
  }

  /** The agent's open conversations and pending offers. */
  desk(agentId: string): DeskSnapshot {
    const { core } = this;
    const conversations: ConversationDto[] = [];
    const offers: OfferDto[] = [];
    for (const c of core.engine.listConversations()) {
      const mine = c.participants.some((p) => p.agentId === agentId && p.status !== 'done');
      const offered = c.offer?.agentId === agentId;
      if (!mine && !offered) continue;
      const dto = core.conversationDto(c);
      if (dto) conversations.push(dto);
      if (offered && c.offer) offers.push(offerDto(c.id, c.offer));
    }
    return { seq: core.hub.publishedThrough, epoch: core.seqs.epoch, agent: core.agentDto(agentId)!, conversations, offers };
  }

  deskConfig(agentId: string): DeskConfig {
    const d = this.core.directory;
    return {
      channels: Object.values(d.channelRules),
      idleReasons: d.idleReasons.map((r) => d.reasonDto(r)),
      wrapupReasons: d.wrapupReasons.map((r) => d.reasonDto(r)),
      templates: d.templates.map((t) => d.templateDto(t)),
      queues: this.listQueues(),
      entryPoints: [...d.entryPoints.values()].map((e) => d.entryPointDto(e)),
      me: this.core.agentDto(agentId)!,
    };
  }
}
