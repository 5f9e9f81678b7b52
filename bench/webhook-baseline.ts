/**
 * The webhook figure's same-run baseline: the rows one stored WhatsApp webhook writes (a new
 * customer, their queued conversation, the message, and as many event rows per webhook as the
 * server wrote), written with the storage calls the inbound use case makes, in its order, through a
 * GroupCommitter with the server's settings (SQLite: its writer thread for the message plan) on the
 * same kind of database; `concurrency` webhooks' writes in flight, like the HTTP closed loop.
 * Every row is built before the clock starts: no HTTP, signature, parsing, reads or routing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RoutingEngine, type ConversationState } from '@parley/core';
import {
  GroupCommitter,
  insertEvents,
  insertMessagePlan,
  openDatabase,
  orderedId,
  upsertConversation,
  upsertCustomer,
  type EventRecord,
  type MessageRecord,
} from '@parley/storage';
import { pool } from './lib';
import { WA, waIdOf } from './webhooks';

export interface RawInsertResult {
  /** Webhooks' rows stored per second. */
  perSec: number;
  webhooks: number;
  /** CPU time (user + system, all threads of the bench process) per webhook's rows, µs. */
  cpuUs: number;
}

interface Rows {
  customer: Parameters<typeof upsertCustomer>[1];
  conversation: Parameters<typeof upsertConversation>[1];
  message: MessageRecord;
  events: EventRecord[];
}

/** Raw-insert run numbers, so customers never collide with an earlier run's in a shared database. */
let runSeq = 900;

export async function rawInserts(url: string | undefined, count: number, concurrency: number, eventsPerWebhook: number): Promise<RawInsertResult> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-raw-'));
  const db = await openDatabase({ url, dataDir: dir });
  const committer = new GroupCommitter(db, { maxDelayMs: Number(process.env.PARLEY_COMMIT_DELAY_MS ?? 3), maxBatch: 500 });
  try {
    const run = ++runSeq;
    const engine = new RoutingEngine();
    engine.upsertQueue({ id: WA.queueId, channel: 'whatsapp', offerTimeoutMs: 600_000, maxWaitMs: 7 * 86_400_000, transferFallback: 'drop', overflowQueueId: null, memberIds: [] });
    let seq = 1_000_000 * run;
    const rowsOf = (i: number): Rows => {
      const now = Date.now();
      const customerId = orderedId();
      const conversationId = orderedId();
      engine.enqueue({ id: conversationId, channel: 'whatsapp', queueId: WA.queueId, customerConnected: true }, now);
      const state = engine.getConversation(conversationId) as ConversationState;
      return {
        customer: { id: customerId, channel: 'whatsapp', externalId: waIdOf(run, i), name: `Bench customer ${i}`, phone: `+${waIdOf(run, i)}`, createdAt: now },
        conversation: {
          id: conversationId,
          channel: 'whatsapp',
          entryPointId: WA.entryPointId,
          queueId: WA.queueId,
          customerId,
          status: state.status,
          ownerAgentId: null,
          state,
          offerDeadline: null,
          maxWaitDeadline: state.maxWaitDeadline,
          createdAt: now,
          updatedAt: now,
          closedAt: null,
        },
        message: {
          id: orderedId(),
          conversationId,
          direction: 'inbound',
          authorType: 'customer',
          authorId: customerId,
          authorName: `Bench customer ${i}`,
          text: `bench message ${i} of run ${run}`,
          attachments: [],
          notice: null,
          clientId: null,
          providerId: `wamid.RAW.${run}.${i}`,
          channel: 'whatsapp',
          status: 'received',
          statusReason: null,
          createdAt: now,
        },
        events: Array.from({ length: eventsPerWebhook }, () => ({ seq: seq++, agentId: null, conversationId, type: 'conversation.updated', payload: { type: 'conversation.updated', conversationId }, createdAt: now })),
      };
    };
    // As the inbound use case: customer, then conversation with its events, then the message plan.
    const store = async (r: Rows) => {
      await committer.run((trx) => upsertCustomer(trx, r.customer));
      await committer.run(async (trx) => {
        await upsertConversation(trx, r.conversation);
        if (r.events.length) await insertEvents(trx, r.events);
      });
      await committer.runPlan(insertMessagePlan(db.kysely, r.message, []));
    };
    const warm = Array.from({ length: 200 }, (_, i) => rowsOf(count + i));
    const rows = Array.from({ length: count }, (_, i) => rowsOf(i));
    await pool(warm, concurrency, store);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await pool(rows, concurrency, store);
    const elapsed = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return { perSec: count / (elapsed / 1000), webhooks: count, cpuUs: (cpu.user + cpu.system) / count };
  } finally {
    await committer.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
