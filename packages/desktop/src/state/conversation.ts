import type { ConversationDto, ParticipantDto } from '@parley/protocol';

/** My latest participation in a conversation (an agent may rejoin after a transfer). */
export function myParticipant(c: ConversationDto, meId: string | undefined): ParticipantDto | undefined {
  if (!meId) return undefined;
  for (let i = c.participants.length - 1; i >= 0; i--) {
    const p = c.participants[i]!;
    if (p.agentId === meId) return p;
  }
  return undefined;
}

export type TaskPhase = 'offer' | 'active' | 'conference-requested' | 'conference' | 'wrapup' | 'ended';

export interface PhaseInput {
  conversation: ConversationDto;
  meId: string | undefined;
  offered: boolean;
  wrapup: boolean;
}

/** What the Task List and the pane show for a conversation, from my point of view. */
export function taskPhase({ conversation: c, meId, offered, wrapup }: PhaseInput): TaskPhase {
  if (offered) return 'offer';
  const mine = myParticipant(c, meId);
  if (wrapup || mine?.status === 'wrapup') return 'wrapup';
  if (c.status === 'ended' || c.status === 'closed') return 'ended';
  if (c.status === 'conference') return 'conference';
  // Asked of one agent (offered to them) or of a queue (waiting there, then offered).
  if (c.offer?.kind === 'conference' || c.conferenceRequest) return 'conference-requested';
  return 'active';
}

/** Whether I can still write in it: my participation is active and the conversation is live. */
export function canWrite(c: ConversationDto, meId: string | undefined): boolean {
  const mine = myParticipant(c, meId);
  const live = c.status === 'active' || c.status === 'conference' || (c.status === 'offered' && !!mine);
  return live && (mine ? mine.status === 'active' : c.ownerAgentId === meId);
}

export function isOwner(c: ConversationDto, meId: string | undefined): boolean {
  if (!meId) return false;
  if (c.ownerAgentId) return c.ownerAgentId === meId;
  return myParticipant(c, meId)?.role === 'owner';
}

export function isConferee(c: ConversationDto, meId: string | undefined): boolean {
  const mine = myParticipant(c, meId);
  return mine?.role === 'conferee' && mine.status === 'active';
}
