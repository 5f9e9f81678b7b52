import { DomainError } from '@parley/core';
import type { Directory } from '../directory';
import type { EntryPointShape, QueueShape } from './config-shapes';

/*
 * What a PUT names must exist (400 naming the field): the schema checks shapes, these check
 * references against the configuration in memory, as the config file's own checks do at start.
 */

function fail(problems: string[]): void {
  if (problems.length) throw new DomainError('PARLEY_ERR_VALIDATION', problems.join('; '));
}

const unknown = (field: string, what: string, ids: string[], known: (id: string) => boolean): string[] =>
  ids.filter((id) => !known(id)).map((id) => `${field}: unknown ${what} "${id}"`);

export function checkAgentReferences(d: Directory, a: { id: string; username: string; role?: string; teams?: string[] }, actorId: string): void {
  const taken = d.agentByUsername(a.username);
  if (taken && taken.id !== a.id) throw new DomainError('PARLEY_ERR_CONFLICT', `username: "${a.username}" is taken by agent "${taken.id}"`);
  // An admin can't lock themself out of the admin area.
  if (a.id === actorId && (a.role ?? 'agent') !== 'admin') throw new DomainError('PARLEY_ERR_CONFLICT', 'role: you cannot remove your own admin role');
  fail(unknown('teams', 'team', a.teams ?? [], (id) => d.teams.has(id)));
}

export function checkQueueReferences(d: Directory, q: QueueShape): void {
  const problems = [...unknown('agents', 'agent', q.agents ?? [], (id) => d.agents.has(id)), ...unknown('teams', 'team', q.teams ?? [], (id) => d.teams.has(id))];
  if (q.overflowQueue !== undefined) {
    const o = d.queues.get(q.overflowQueue);
    if (q.overflowQueue === q.id) problems.push('overflowQueue: a queue cannot overflow to itself');
    else if (!o) problems.push(`overflowQueue: unknown queue "${q.overflowQueue}"`);
    else if (o.channel !== q.channel) problems.push(`overflowQueue: "${o.id}" is a ${o.channel} queue, not ${q.channel}`);
  }
  fail(problems);
  const prev = d.queues.get(q.id);
  if (prev && prev.channel !== q.channel) throw new DomainError('PARLEY_ERR_CONFLICT', `channel: a queue keeps its channel (${prev.channel})`);
}

export function checkEntryPointReferences(d: Directory, e: Pick<EntryPointShape, 'channel' | 'queue'>): void {
  const q = d.queues.get(e.queue);
  if (!q) fail([`queue: unknown queue "${e.queue}"`]);
  else if (q.channel !== e.channel) fail([`queue: "${q.id}" is a ${q.channel} queue; a ${e.channel} entry point needs a ${e.channel} queue`]);
}
