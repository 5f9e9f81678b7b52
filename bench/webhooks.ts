/**
 * Parley with one WhatsApp entry point, for the channel benchmarks: its configuration, signed
 * `POST /webhooks/whatsapp` requests (one text message from a new customer each), and the rows
 * a run left in the server's database.
 */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { SQLITE_FILE_NAME } from '@parley/storage';
import { benchPasswordHash } from './parley';
import type { HttpRequest } from './http-load';

export const WA = {
  entryPointId: 'wa-bench',
  queueId: 'q-wa-bench',
  wabaId: '102290129340398',
  phoneNumberId: '106540352242922',
  displayNumber: '+15550783881',
  accessToken: 'bench-whatsapp-token',
  appSecret: 'bench-meta-app-secret',
  apiVersion: 'v23.0',
} as const;

export const agentIdOf = (k: number) => `w${String(k + 1).padStart(3, '0')}`;

/** `agents` agents who take `capacity` WhatsApp conversations each; the provider is `graphBaseUrl`. */
export function channelsConfig(agents: number, capacity: number, graphBaseUrl: string, password: string) {
  const hash = benchPasswordHash(password);
  return {
    wrapupReasons: [{ id: 'resolved', label: 'Resolved' }],
    teams: [{ id: 'bench', name: 'Bench' }],
    agents: Array.from({ length: agents }, (_, k) => ({
      id: agentIdOf(k),
      username: agentIdOf(k),
      displayName: `Bench ${agentIdOf(k)}`,
      passwordHash: hash,
      teams: ['bench'],
      capacity: { whatsapp: capacity },
    })),
    // Long timers: nothing times out during the bench.
    queues: [{ id: WA.queueId, name: 'WhatsApp bench', channel: 'whatsapp', offerTimeoutSeconds: 600, maxWaitSeconds: 7 * 86400, teams: ['bench'] }],
    entryPoints: [
      {
        id: WA.entryPointId,
        name: 'WhatsApp bench',
        channel: 'whatsapp',
        queue: WA.queueId,
        settings: { wabaId: WA.wabaId, phoneNumberId: WA.phoneNumberId, displayNumber: WA.displayNumber, accessToken: WA.accessToken },
      },
    ],
    providers: { meta: { appSecret: WA.appSecret, verifyToken: 'bench-verify-token', graphBaseUrl, apiVersion: WA.apiVersion } },
  };
}

/** A customer's wa_id: digits, distinct per run and index. */
export const waIdOf = (run: number, i: number) => `1${String(run).padStart(3, '0')}${String(i).padStart(9, '0')}`;

/**
 * The i-th webhook of run `run`: Meta's envelope around one text message from customer i (a new
 * customer, so a new conversation is queued), with a distinct wamid, signed like Meta signs it.
 */
export function signedWebhook(run: number, i: number, nowSeconds: number): HttpRequest {
  const waId = waIdOf(run, i);
  const body = Buffer.from(
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: WA.wabaId,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: WA.displayNumber.slice(1), phone_number_id: WA.phoneNumberId },
                contacts: [{ profile: { name: `Bench customer ${i}` }, wa_id: waId }],
                messages: [{ from: waId, id: `wamid.BENCH.${run}.${i}`, timestamp: String(nowSeconds), type: 'text', text: { body: `bench message ${i} of run ${run}` } }],
              },
            },
          ],
        },
      ],
    }),
  );
  const signature = `sha256=${createHmac('sha256', WA.appSecret).update(body).digest('hex')}`;
  return { path: '/webhooks/whatsapp', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body };
}

export interface RowCounts {
  customers: number;
  conversations: number;
  messages: number;
  events: number;
  outbox_jobs: number;
}

const TABLES = ['customers', 'conversations', 'messages', 'events', 'outbox_jobs'] as const;

/** Reads the server's database beside the running server (SQLite read-only, or a PostgreSQL client). */
export interface DbReader {
  count: (sql: string) => Promise<number>;
  close: () => Promise<void>;
}

export async function dbReader(dataDir: string, databaseUrl: string | undefined): Promise<DbReader> {
  if (databaseUrl) {
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    return { count: async (sql) => Number((await c.query(sql)).rows[0].n), close: () => c.end() };
  }
  const { default: Sqlite } = await import('better-sqlite3');
  const db = new Sqlite(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
  return { count: async (sql) => Number((db.prepare(sql).get() as { n: number }).n), close: async () => void db.close() };
}

export async function countRows(reader: DbReader): Promise<RowCounts> {
  const out = {} as RowCounts;
  for (const t of TABLES) out[t] = await reader.count(`SELECT count(*) AS n FROM ${t}`);
  return out;
}
