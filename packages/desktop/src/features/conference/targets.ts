import type { ChannelRules } from '@parley/protocol';

export type ConferenceTargetKind = ChannelRules['conferenceTargets'][number];

/** The kinds of target a conference on this channel may invite, in the rules' order (the first is the default). */
export function conferenceKinds(rules: ChannelRules): ConferenceTargetKind[] {
  return rules.conference ? [...rules.conferenceTargets] : [];
}

/** The request body for the chosen target. */
export function conferenceTarget(kind: ConferenceTargetKind, id: string): { agentId: string } | { queueId: string } {
  return kind === 'queue' ? { queueId: id } : { agentId: id };
}
