import type { ChannelType } from '@parley/protocol';
import { DEFAULT_CHANNEL_RULES } from '@parley/protocol';
import { DomainError } from '../domain/errors';
import { WaitingLine } from './waiting-line';

/**
 * Conference requests waiting in each queue for one of its agents, oldest first. Kept apart from the
 * queue's line of customers because dispatch offers them as a conference, to someone other than the
 * agents already in the conversation, and they never count as customers waiting.
 */
export class ConferenceLines {
  private lines = new Map<string, WaitingLine>();

  /** In line at the place `requestedAt` earns (a request coming back keeps its place). */
  add(queueId: string, conversationId: string, requestedAt: number): void {
    let line = this.lines.get(queueId);
    if (!line) this.lines.set(queueId, (line = new WaitingLine()));
    line.restore(conversationId, requestedAt);
  }

  remove(queueId: string, conversationId: string): void {
    const line = this.lines.get(queueId);
    if (!line) return;
    line.remove(conversationId);
    if (line.size === 0) this.lines.delete(queueId);
  }

  /** The first `limit` requests waiting in the queue, oldest first (`queuedAt` is `requestedAt`). */
  head(queueId: string, limit: number): { id: string; queuedAt: number }[] {
    return this.lines.get(queueId)?.head(limit) ?? [];
  }

  size(queueId: string): number {
    return this.lines.get(queueId)?.size ?? 0;
  }
}

/** Refuses a conference to a kind of target the channel's rules don't list (`conferenceTargets`). */
export function requireConferenceTarget(channel: ChannelType, target: 'agent' | 'queue'): void {
  const rules = DEFAULT_CHANNEL_RULES[channel];
  if (!rules.conference || rules.conferenceTargets.length === 0) {
    throw new DomainError('PARLEY_ERR_CHANNEL_RULE', `${channel} has no conference`);
  }
  if (!rules.conferenceTargets.includes(target)) {
    throw new DomainError('PARLEY_ERR_CHANNEL_RULE', `A ${channel} conference can only invite: ${rules.conferenceTargets.join(', ')}`);
  }
}
