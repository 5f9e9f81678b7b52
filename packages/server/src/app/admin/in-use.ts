import { DomainError } from '@parley/core';
import type { AppCore } from '../core';

/*
 * Deleting something still in use is refused (409) with why, naming what uses it, so the admin
 * knows what to change first. Checked against the directory (definitions) and the engine (live work).
 */

type Core = Pick<AppCore, 'directory' | 'engine' | 'meta'>;

const list = (what: string, ids: string[]): string[] => (ids.length ? [`${what} ${ids.map((id) => `"${id}"`).join(', ')}`] : []);

function refuse(thing: string, uses: string[]): void {
  if (uses.length) throw new DomainError('PARLEY_ERR_CONFLICT', `${thing} is in use: ${uses.join('; ')}`);
}

function openConversations(core: Core, match: (c: ReturnType<Core['engine']['listConversations']>[number]) => boolean): number {
  return core.engine.listConversations().filter((c) => c.status !== 'ended' && match(c)).length;
}

const conversations = (n: number): string[] => (n ? [`${n} open conversation${n === 1 ? '' : 's'}`] : []);

export function refuseTeamInUse(core: Core, id: string): void {
  const d = core.directory;
  refuse(`Team "${id}"`, [
    ...list('member of queues', [...d.queues.values()].filter((q) => q.teamIds.includes(id)).map((q) => q.id)),
    ...list('agents in it', [...d.agents.values()].filter((a) => a.teamIds.includes(id)).map((a) => a.id)),
  ]);
}

export function refuseAgentInUse(core: Core, id: string, actorId: string): void {
  if (id === actorId) throw new DomainError('PARLEY_ERR_CONFLICT', 'You cannot delete your own account');
  const state = core.engine.getAgent(id)?.state;
  refuse(`Agent "${id}"`, [
    ...(state && state !== 'offline' ? [`signed in (${state}): log the agent out first`] : []),
    ...conversations(openConversations(core, (c) => c.participants.some((p) => p.agentId === id && p.status !== 'done') || c.offer?.agentId === id)),
    ...list('member of queues', [...core.directory.queues.values()].filter((q) => q.agentIds.includes(id)).map((q) => q.id)),
  ]);
}

export function refuseQueueInUse(core: Core, id: string): void {
  const d = core.directory;
  refuse(`Queue "${id}"`, [
    ...list('routed to by entry points', [...d.entryPoints.values()].filter((e) => e.queueId === id).map((e) => e.id)),
    ...list('overflow of queues', [...d.queues.values()].filter((q) => q.overflowQueueId === id && q.id !== id).map((q) => q.id)),
    ...list('named by templates', d.templates.filter((t) => t.queues.includes(id)).map((t) => t.id)),
    ...list('named by workflows', d.workflows.filter((w) => w.queueIds.includes(id)).map((w) => w.id)),
    ...conversations(openConversations(core, (c) => c.queueId === id || c.conferenceRequest?.queueId === id)),
  ]);
}

export function refuseEntryPointInUse(core: Core, id: string): void {
  // Replies to its open conversations go out through its settings (provider ids, tokens).
  refuse(`Entry point "${id}"`, conversations(openConversations(core, (c) => core.meta.get(c.id)?.entryPointId === id)));
}

export function refuseIdleReasonInUse(core: Core, id: string): void {
  const idle = [...core.directory.agents.keys()].filter((a) => {
    const s = core.engine.getAgent(a);
    return s?.state === 'idle' && s.idleReasonId === id;
  });
  refuse(`Idle reason "${id}"`, list('agents idle with it', idle));
}
