import type { ChannelRules, ConversationDto } from '@parley/protocol';
import { isConferee, isOwner, type TaskPhase } from '../../state/conversation';

export interface PaneActions {
  transfer: boolean;
  conference: boolean;
  /** The owner withdraws a pending conference request (one waiting in a queue may wait long). */
  cancelConference: boolean;
  end: boolean;
  endConference: boolean;
  exitConference: boolean;
  wrapup: boolean;
}

/** Which controls the pane offers: owner-only end, conferee exit, channel rules for conference. */
export function paneActions(c: ConversationDto, meId: string | undefined, phase: TaskPhase, rules: ChannelRules): PaneActions {
  const owner = isOwner(c, meId);
  const conferee = !owner && isConferee(c, meId);
  const live = phase === 'active' || phase === 'conference-requested' || phase === 'conference';
  return {
    transfer: owner && (phase === 'active' || phase === 'conference-requested'),
    conference: owner && rules.conference && phase === 'active',
    cancelConference: owner && phase === 'conference-requested',
    end: owner && live,
    endConference: owner && phase === 'conference',
    exitConference: conferee && phase === 'conference',
    wrapup: phase === 'wrapup' || phase === 'ended',
  };
}
