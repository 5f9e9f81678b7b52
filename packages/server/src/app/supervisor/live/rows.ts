import type { FloorConversation, FloorModel } from '@parley/core';
import type { LiveAgentRow, LiveConversationRow, LiveQueueRow, Role, SupervisorServerFrame } from '@parley/protocol';
import type { AppCore } from '../../core';

type Core = Pick<AppCore, 'directory' | 'meta' | 'now'>;

/**
 * The floor's figures with the configuration's names. A queue or agent the configuration no longer
 * has (deleted by an admin; the router may still hold it) has no row: viewers drop it.
 */
export function liveQueueRow(core: Core, floor: FloorModel, id: string): LiveQueueRow | undefined {
  const def = core.directory.queues.get(id);
  const q = def && floor.queue(id);
  return q && { ...q, name: def.name };
}

export function liveAgentRow(core: Core, floor: FloorModel, id: string): LiveAgentRow | undefined {
  const profile = core.directory.agents.get(id);
  const a = profile && floor.agent(id);
  if (!a) return undefined;
  return { ...a, username: profile.username, displayName: profile.displayName, role: profile.role as Role, teamIds: [...profile.teamIds] };
}

export function liveSnapshot(core: Core, floor: FloorModel): SupervisorServerFrame {
  const queues = floor.queues().flatMap((q) => {
    const def = core.directory.queues.get(q.id);
    return def ? [{ ...q, name: def.name }] : [];
  });
  const agents = [...core.directory.agents.keys()].flatMap((id) => liveAgentRow(core, floor, id) ?? []);
  return { type: 'snapshot', at: core.now, queues, agents };
}

export function liveConversationRow(core: Core, c: FloorConversation): LiveConversationRow {
  return { ...c, customerName: core.meta.get(c.id)?.customer.name ?? null };
}
