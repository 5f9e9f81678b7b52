/**
 * The supervisor bench's floor: 1,000 agents (teams, mixed channels, most available) and 10,000 open
 * conversations (queued, offered, active), as a restarted production node finds them in storage.
 *
 * How: a first Parley start applies the config file (agents, teams, queues, entry points) and stops.
 * Then this module decides the floor with the real routing engine, in-process (queues as the server
 * gives them to it: members are the queue's agents plus its teams' agents): agents' states, 10,000 arrivals spread over 8 queues, and 70%
 * of the offers accepted. It bulk-writes what the server would have stored — agents' runtime state,
 * one customer, the conversation row (state JSON from the engine) and the customer's first message per
 * conversation — and the second start restores it all (app/startup.ts), the path a restart takes.
 * Events (the agents' replay log) are not written: a restart does not read them.
 */
import { RoutingEngine, type QueueRecord as EngineQueue } from '@parley/core';
import * as store from '@parley/storage';
import type { AgentRecord, Db, QueueRecord } from '@parley/storage';
import { benchPasswordHash } from './parley';

export interface FloorShape {
  /** Agents on the floor, probes and live agents included (at least those 60). */
  agents: number;
  conversations: number;
}

/** Agents whose own state the live stream changes (not in any queue). */
export const PROBE_AGENTS = 40;
/** Agents of the live queue: the stream's chats are offered to them, and they accept, end and wrap up. */
export const LIVE_AGENTS = 20;
export const LIVE_CAPACITY = 4;
export const PASSWORD = 'pw';
export const SUPERVISOR = { id: 'sup', username: 'super', displayName: 'Sue Pervisor' };

const TEAMS = 10;
/** The seeded conversations per queue, as shares of the total. */
const SPREAD: { queue: string; channel: string; share: number }[] = [
  { queue: 'q-web-1', channel: 'webchat', share: 0.14 },
  { queue: 'q-web-2', channel: 'webchat', share: 0.14 },
  { queue: 'q-web-3', channel: 'webchat', share: 0.14 },
  { queue: 'q-web-4', channel: 'webchat', share: 0.14 },
  { queue: 'q-wa-1', channel: 'whatsapp', share: 0.1 },
  { queue: 'q-wa-2', channel: 'whatsapp', share: 0.1 },
  { queue: 'q-fb', channel: 'messenger', share: 0.12 },
  { queue: 'q-sms', channel: 'sms', share: 0.12 },
];

const pad = (n: number, w = 4) => String(n).padStart(w, '0');
export const probeId = (i: number) => `p${pad(i, 2)}`;
export const liveId = (i: number) => `l${pad(i, 2)}`;

export function floorConfig(shape: FloorShape) {
  const hash = benchPasswordHash(PASSWORD);
  // Probes and live agents are always there (an "empty floor" has just them).
  const floorAgents = Math.max(0, shape.agents - PROBE_AGENTS - LIVE_AGENTS);
  const agent = (id: string, displayName: string, teams: string[], capacity: Record<string, number>) => ({ id, username: id, displayName, passwordHash: hash, teams, capacity });
  const agents = [
    ...Array.from({ length: floorAgents }, (_, i) => {
      const team = i % TEAMS;
      // Teams 0–7 take web chat and WhatsApp; teams 8–9 Messenger, SMS and some web chat.
      const capacity: Record<string, number> = team < 8 ? { webchat: 6, whatsapp: 2 } : { webchat: 2, messenger: 4, sms: 4 };
      return agent(`f${pad(i)}`, `Floor ${pad(i)}`, [`t${team}`], capacity);
    }),
    ...Array.from({ length: PROBE_AGENTS }, (_, i) => agent(probeId(i), `Watch Probe ${pad(i, 2)}`, ['probe'], { sms: 1 })),
    ...Array.from({ length: LIVE_AGENTS }, (_, i) => agent(liveId(i), `Watch Live ${pad(i, 2)}`, ['live'], { webchat: LIVE_CAPACITY })),
    { id: SUPERVISOR.id, username: SUPERVISOR.username, displayName: SUPERVISOR.displayName, passwordHash: hash, role: 'supervisor', capacity: {} },
  ];
  const queue = (id: string, name: string, channel: string, teams: string[]) => ({
    id,
    name,
    channel,
    // Long timers: no RONA or max-wait fires during the bench; what moves is what the stream does.
    offerTimeoutSeconds: 3600,
    maxWaitSeconds: 7200,
    teams,
  });
  const queues = [
    ...[0, 1, 2, 3].map((k) => queue(`q-web-${k + 1}`, `Web ${k + 1}`, 'webchat', [`t${2 * k}`, `t${2 * k + 1}`])),
    queue('q-wa-1', 'WhatsApp 1', 'whatsapp', ['t0', 't1', 't2', 't3']),
    queue('q-wa-2', 'WhatsApp 2', 'whatsapp', ['t4', 't5', 't6', 't7']),
    queue('q-fb', 'Messenger', 'messenger', ['t8', 't9']),
    queue('q-sms', 'SMS', 'sms', ['t8', 't9']),
    queue('q-live', 'Live', 'webchat', ['live']),
    // Nobody can take its chats (its team has no web chat capacity): each new one waits.
    queue('q-wait', 'Waiting room', 'webchat', ['probe']),
  ];
  const entryPoints = [
    ...[1, 2, 3, 4].map((k) => ({ id: `web-${k}`, name: `Site ${k}`, channel: 'webchat', queue: `q-web-${k}` })),
    { id: 'web-live', name: 'Live site', channel: 'webchat', queue: 'q-live' },
    { id: 'web-wait', name: 'Waiting site', channel: 'webchat', queue: 'q-wait' },
    // Fake accounts: nothing is sent to a provider during the bench.
    { id: 'wa-1', name: 'WhatsApp 1', channel: 'whatsapp', queue: 'q-wa-1', settings: { wabaId: '1001', phoneNumberId: '2001', displayNumber: '+15550000001', accessToken: 'bench-token' } },
    { id: 'wa-2', name: 'WhatsApp 2', channel: 'whatsapp', queue: 'q-wa-2', settings: { wabaId: '1002', phoneNumberId: '2002', displayNumber: '+15550000002', accessToken: 'bench-token' } },
    { id: 'fb', name: 'Messenger', channel: 'messenger', queue: 'q-fb', settings: { pageId: '3001', pageAccessToken: 'bench-page-token' } },
    {
      id: 'sms',
      name: 'SMS',
      channel: 'sms',
      queue: 'q-sms',
      settings: { number: '+15005550006', numberKind: 'long_code', accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'bench-auth-token', publicWebhookUrl: 'http://127.0.0.1:1/webhooks/sms' },
    },
  ];
  return {
    idleReasons: [
      { id: 'break', label: 'Break' },
      { id: 'lunch', label: 'Lunch' },
    ],
    wrapupReasons: [{ id: 'resolved', label: 'Resolved' }],
    teams: [...Array.from({ length: TEAMS }, (_, t) => ({ id: `t${t}`, name: `Team ${t}` })), { id: 'probe', name: 'Probes' }, { id: 'live', name: 'Live' }],
    agents,
    queues,
    entryPoints,
  };
}

export interface FloorSummary {
  agents: Record<string, number>;
  conversations: Record<string, number>;
  seedMs: number;
}

/** A floor agent's state at the restart: 85% available, 8% idle, 7% offline (probes idle, live agents offline until they log in). */
function plannedState(id: string, i: number): { state: 'available' | 'idle' | 'offline'; reason: string | null } {
  if (id.startsWith('p')) return { state: 'idle', reason: 'break' };
  if (id.startsWith('l') || id === SUPERVISOR.id) return { state: 'offline', reason: null };
  const k = i % 100;
  if (k < 85) return { state: 'available', reason: null };
  if (k < 93) return { state: 'idle', reason: k % 2 ? 'lunch' : 'break' };
  return { state: 'offline', reason: null };
}

const externalIdOf = (channel: string, i: number) =>
  channel === 'webchat' ? `visitor-${i}` : channel === 'messenger' ? `psid-${9_000_000 + i}` : `+1555${pad(i, 7)}`;

/** The stored queue as the server's Directory hands it to the engine (teams expanded). */
function engineQueue(q: QueueRecord, agents: AgentRecord[]): EngineQueue {
  const known = new Set(agents.map((a) => a.id));
  const members = new Set(q.agentIds.filter((id) => known.has(id)));
  for (const a of agents) if (a.teamIds.some((t) => q.teamIds.includes(t))) members.add(a.id);
  return {
    id: q.id,
    channel: q.channel as EngineQueue['channel'],
    offerTimeoutMs: q.offerTimeoutMs,
    maxWaitMs: q.maxWaitMs,
    transferFallback: q.transferFallback === 'requeue' ? 'requeue' : 'drop',
    overflowQueueId: q.overflowQueueId,
    memberIds: [...members].sort(),
  };
}

/** Decides the floor with the routing engine and writes it into `db` (configured by a first start). */
export async function seedFloor(db: Db, shape: FloorShape): Promise<FloorSummary> {
  const t0 = performance.now();
  const ex = db.kysely;
  const agents = await store.listAgents(ex);
  const queues = await store.listQueues(ex);
  const entryPointOf = new Map((await store.listEntryPoints(ex)).map((e) => [e.queueId, e.id]));

  const start = Date.now() - 30 * 60_000;
  let now = start;
  const engine = new RoutingEngine();
  for (const a of agents) engine.upsertAgent({ id: a.id, state: 'offline', idleReasonId: null, stateChangedAt: now, readySince: now, capacity: a.capacity });
  for (const q of queues) engine.upsertQueue(engineQueue(q, agents));
  agents.forEach((a, i) => {
    const { state, reason } = plannedState(a.id, i);
    if (state !== 'offline') engine.setAgentState(a.id, state, reason, now++);
  });

  // Arrivals over the last 30 minutes, spread over the queues; each offer the engine makes is accepted 7 times in 10.
  const ids: { id: string; channel: string; queue: string; customer: number }[] = [];
  let n = 0;
  for (const s of SPREAD) {
    const count = Math.round(shape.conversations * s.share);
    for (let k = 0; k < count && n < shape.conversations; k++, n++) ids.push({ id: store.orderedId(start + n), channel: s.channel, queue: s.queue, customer: n });
  }
  const step = (25 * 60_000) / ids.length;
  for (const c of ids) {
    now = Math.round(start + 60_000 + c.customer * step);
    const out = engine.enqueue({ id: c.id, channel: c.channel as never, queueId: c.queue }, now);
    for (const e of out.events) {
      if (e.type === 'offer.created' && e.conversationId.charCodeAt(e.conversationId.length - 1) % 10 < 7) {
        engine.accept(e.conversationId, e.offer.agentId, now + 1);
      }
    }
  }

  const summary: FloorSummary = { agents: {}, conversations: {}, seedMs: 0 };
  const chunk = <T>(rows: T[], size = 200) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
  await ex.transaction().execute(async (trx) => {
    for (const a of agents) {
      const e = engine.getAgent(a.id)!;
      summary.agents[e.state] = (summary.agents[e.state] ?? 0) + 1;
      await store.updateAgentRuntime(trx, { id: a.id, state: e.state, idleReasonId: e.idleReasonId, stateChangedAt: e.stateChangedAt, readySince: e.readySince });
    }
    const customers = ids.map((c) => ({
      id: `cu-${pad(c.customer, 5)}`,
      channel: c.channel,
      external_id: externalIdOf(c.channel, c.customer),
      name: `Customer ${pad(c.customer, 5)}`,
      email: c.channel === 'webchat' ? `c${c.customer}@bench.example` : null,
      phone: c.channel === 'sms' || c.channel === 'whatsapp' ? externalIdOf(c.channel, c.customer) : null,
      created_at: start + c.customer,
    }));
    for (const rows of chunk(customers)) await trx.insertInto('customers').values(rows).execute();
    const conversations = ids.map((c) => {
      const s = engine.getConversation(c.id)!;
      summary.conversations[s.status] = (summary.conversations[s.status] ?? 0) + 1;
      return {
        id: c.id,
        channel: c.channel,
        entry_point_id: entryPointOf.get(c.queue)!,
        queue_id: c.queue,
        customer_id: `cu-${pad(c.customer, 5)}`,
        status: s.status,
        owner_agent_id: s.ownerAgentId,
        state_json: JSON.stringify(s),
        offer_deadline: s.offer?.deadline ?? null,
        max_wait_deadline: s.maxWaitDeadline,
        created_at: s.createdAt,
        updated_at: s.acceptedAt ?? s.createdAt,
        closed_at: null,
      };
    });
    for (const rows of chunk(conversations)) await trx.insertInto('conversations').values(rows).execute();
    const messages = ids.map((c) => {
      const at = engine.getConversation(c.id)!.createdAt;
      return {
        id: store.orderedId(at),
        conversation_id: c.id,
        direction: 'inbound',
        author_type: 'customer',
        author_id: null,
        author_name: `Customer ${pad(c.customer, 5)}`,
        text: `Hello, I need help with order ${c.customer}`,
        attachments_json: '[]',
        notice_json: null,
        client_id: null,
        provider_id: c.channel === 'webchat' ? null : `bench-in-${c.customer}`,
        channel: c.channel,
        status: 'received',
        status_reason: null,
        created_at: at,
        details_json: null,
      };
    });
    for (const rows of chunk(messages)) await trx.insertInto('messages').values(rows).execute();
  });
  summary.seedMs = performance.now() - t0;
  return summary;
}
