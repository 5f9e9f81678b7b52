import { expect, it } from 'vitest';
import {
  deleteEntryPoint,
  deleteQueue,
  deleteTemplate,
  getAgent,
  getAgentByUsername,
  listAgents,
  listEntryPoints,
  listIdleReasons,
  listQueues,
  listTemplates,
  listWrapupReasons,
  updateAgentRuntime,
  upsertAgent,
  upsertEntryPoint,
  upsertIdleReason,
  upsertQueue,
  upsertTemplate,
  upsertWrapupReason,
  deleteIdleReason,
  type AgentRecord,
  type QueueRecord,
} from '../src/index';
import { describeEachDatabase } from './databases';

const agent: AgentRecord = {
  id: 'a1',
  username: 'ada',
  displayName: 'Ada',
  passwordHash: 'h1',
  role: 'agent',
  capacity: { webchat: 3, sms: 1 },
  teamIds: ['t1'],
  state: 'offline',
  idleReasonId: null,
  stateChangedAt: 10,
  readySince: 0,
  createdAt: 10,
};

const queue: QueueRecord = {
  id: 'q1',
  name: 'Support',
  channel: 'webchat',
  strategy: 'longest-available',
  offerTimeoutMs: 30_000,
  maxWaitMs: 600_000,
  transferFallback: 'requeue',
  reopenTo: 'lastAgent',
  overflowQueueId: null,
  agentIds: ['a1'],
  teamIds: [],
  hours: null,
};

describeEachDatabase('config repositories', (t) => {
  it('upserts agents: config updates, runtime state survives re-applying config', async () => {
    const ex = t.db.kysely;
    await upsertAgent(ex, agent);
    expect(await getAgent(ex, 'a1')).toEqual(agent);

    expect(
      await updateAgentRuntime(ex, { id: 'a1', state: 'idle', idleReasonId: 'lunch', stateChangedAt: 20, readySince: 0 }),
    ).toBe(true);
    await upsertAgent(ex, { ...agent, displayName: 'Ada L.', capacity: { webchat: 5 }, state: 'offline' });

    const stored = await getAgentByUsername(ex, 'ada');
    expect(stored).toMatchObject({ displayName: 'Ada L.', capacity: { webchat: 5 }, state: 'idle', idleReasonId: 'lunch', stateChangedAt: 20 });
    expect(await listAgents(ex)).toHaveLength(1);
    expect(await updateAgentRuntime(ex, { id: 'nope', state: 'idle', idleReasonId: null, stateChangedAt: 1, readySince: 1 })).toBe(false);
  });

  it('rejects a second agent with the same username', async () => {
    await upsertAgent(t.db.kysely, agent);
    await expect(upsertAgent(t.db.kysely, { ...agent, id: 'a2' })).rejects.toThrow();
  });

  it('upserts, lists and deletes queues and entry points', async () => {
    const ex = t.db.kysely;
    await upsertQueue(ex, queue);
    await upsertQueue(ex, { ...queue, name: 'Support 2', overflowQueueId: 'q2', agentIds: ['a1', 'a2'] });
    expect(await listQueues(ex)).toEqual([{ ...queue, name: 'Support 2', overflowQueueId: 'q2', agentIds: ['a1', 'a2'] }]);

    await upsertEntryPoint(ex, { id: 'ep1', name: 'Site', channel: 'webchat', queueId: 'q1', address: '', settings: {} });
    await upsertEntryPoint(ex, { id: 'ep1', name: 'Site', channel: 'webchat', queueId: 'q2', address: 'x', settings: {} });
    expect(await listEntryPoints(ex)).toEqual([{ id: 'ep1', name: 'Site', channel: 'webchat', queueId: 'q2', address: 'x', settings: {} }]);
    // Channel settings round-trip as JSON (the server seals secrets before they get here).
    const settings = { pageId: '3003', pageAccessToken: { encrypted: 'v1.a.b.c' } };
    await upsertEntryPoint(ex, { id: 'ep1', name: 'Site', channel: 'messenger', queueId: 'q2', address: '', settings });
    expect((await listEntryPoints(ex))[0]?.settings).toEqual(settings);

    // Business hours round-trip as JSON; null again when removed.
    const hours = { timezone: 'Europe/Paris', open: [{ day: 'mon' as const, from: '09:00', to: '24:00' }], closedDates: ['2026-12-25'], closedMessage: 'Closed' };
    await upsertQueue(ex, { ...queue, hours });
    expect((await listQueues(ex))[0]?.hours).toEqual(hours);
    await upsertQueue(ex, { ...queue, hours: null });
    expect((await listQueues(ex))[0]?.hours).toBeNull();

    expect(await deleteQueue(ex, 'q1')).toBe(true);
    expect(await deleteQueue(ex, 'q1')).toBe(false);
    expect(await deleteEntryPoint(ex, 'ep1')).toBe(true);
    expect(await listQueues(ex)).toEqual([]);
  });

  it('keeps idle and wrap-up reasons apart, ordered by position', async () => {
    const ex = t.db.kysely;
    await upsertIdleReason(ex, { id: 'r2', label: 'Break', labelZh: '休息', position: 2 });
    await upsertIdleReason(ex, { id: 'r1', label: 'Lunch', labelZh: null, position: 1 });
    await upsertWrapupReason(ex, { id: 'w1', label: 'Solved', labelZh: null, position: 1 });
    await upsertIdleReason(ex, { id: 'r2', label: 'Short break', labelZh: '休息', position: 0 });

    expect((await listIdleReasons(ex)).map((r) => [r.id, r.label])).toEqual([
      ['r2', 'Short break'],
      ['r1', 'Lunch'],
    ]);
    expect((await listWrapupReasons(ex)).map((r) => r.id)).toEqual(['w1']);
    expect(await deleteIdleReason(ex, 'r1')).toBe(true);
    expect((await listIdleReasons(ex)).map((r) => r.id)).toEqual(['r2']);
  });

  it('stores templates with category, channels, queues, a boolean lock and the provider template they are approved as', async () => {
    const ex = t.db.kysely;
    const tpl = { id: 'tp1', name: 'Hi', category: 'Greetings', channels: ['sms', 'whatsapp'], queues: ['q1'], body: 'Hi {{customer.name}}', locked: true, position: 1, providerTemplate: null };
    await upsertTemplate(ex, tpl);
    await upsertTemplate(ex, { ...tpl, id: 'tp0', locked: false, position: 0 });
    expect(await listTemplates(ex)).toEqual([{ ...tpl, id: 'tp0', locked: false, position: 0 }, tpl]);
    await upsertTemplate(ex, { ...tpl, body: 'Hello', locked: false });
    expect((await listTemplates(ex))[1]).toEqual({ ...tpl, body: 'Hello', locked: false });
    const approved = {
      ...tpl,
      providerTemplate: { name: 'hi_v1', language: 'en_US', category: 'UTILITY' as const, header: { format: 'image' as const, url: 'https://x.test/a.png' }, buttons: [{ subType: 'url' as const, value: '{{param:o}}' }] },
    };
    await upsertTemplate(ex, approved);
    expect((await listTemplates(ex))[1]).toEqual(approved);
    expect(await deleteTemplate(ex, 'tp0')).toBe(true);
  });
});
