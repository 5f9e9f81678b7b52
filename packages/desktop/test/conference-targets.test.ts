import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_RULES, type ConversationDto } from '@parley/protocol';
import { conferenceKinds, conferenceTarget } from '../src/features/conference/targets';
import { taskPhase } from '../src/state/conversation';
import { paneActions } from '../src/features/pane/availability';

const active: ConversationDto = {
  id: 'c1', channel: 'whatsapp', entryPointId: 'wa', entryPointName: 'WhatsApp', entryPointAddress: '', queueId: 'q', queueName: 'WhatsApp',
  customer: { id: 'u', channel: 'whatsapp', name: 'Wanda', phone: '+15550001234' }, status: 'active', ownerAgentId: 'a1',
  participants: [{ agentId: 'a1', role: 'owner', status: 'active', joinedAt: 2, leftAt: null }], offer: null,
  createdAt: 1, queuedAt: 1, acceptedAt: 2, endedAt: null, endedBy: null,
};

describe('conference dialog targets (SPEC F6)', () => {
  it('offers the Queue/Agent choice only where the channel rules list queues; agent is the default', () => {
    expect(conferenceKinds(DEFAULT_CHANNEL_RULES.whatsapp)).toEqual(['agent', 'queue']);
    expect(conferenceKinds(DEFAULT_CHANNEL_RULES.webchat)).toEqual(['agent']);
    expect(conferenceKinds(DEFAULT_CHANNEL_RULES.messenger)).toEqual(['agent']);
    expect(conferenceKinds(DEFAULT_CHANNEL_RULES.email)).toEqual([]);
  });

  it('sends the chosen target as {agentId} or {queueId}', () => {
    expect(conferenceTarget('agent', 'a2')).toEqual({ agentId: 'a2' });
    expect(conferenceTarget('queue', 'q-wa')).toEqual({ queueId: 'q-wa' });
  });

  it('a conference request waiting in a queue shows as "conference requested"', () => {
    expect(taskPhase({ conversation: active, meId: 'a1', offered: false, wrapup: false })).toBe('active');
    const waiting = { ...active, conferenceRequest: { queueId: 'q2', queueName: 'Specialists' } };
    expect(taskPhase({ conversation: waiting, meId: 'a1', offered: false, wrapup: false })).toBe('conference-requested');
  });

  it('only the owner may cancel a pending conference request, and only while it is pending', () => {
    const rules = DEFAULT_CHANNEL_RULES.whatsapp;
    expect(paneActions(active, 'a1', 'conference-requested', rules)).toMatchObject({ cancelConference: true, conference: false });
    expect(paneActions(active, 'a1', 'active', rules)).toMatchObject({ cancelConference: false, conference: true });
    expect(paneActions(active, 'a2', 'conference-requested', rules).cancelConference).toBe(false);
  });
});
