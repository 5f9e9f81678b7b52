/**
 * A node crashes (SIGKILL) while web chat customers are connected and waiting: the restart starts
 * each one's abandon clock (no socket survived) without queueing a status message per chat that
 * nobody can receive — a reconnecting widget reads the status in its `hello`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '@parley/storage';
import { CustomerClient, createScratchDatabase, startServer, testConfig, type ScratchDatabase, type ServerProcess } from '@parley/testkit';
import { describeBackends, type Backend } from './harness';

const CHATS = 20;

describeBackends('restart after a crash with chats waiting', (backend: Backend) => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('restores the waiting chats with their abandon clocks started, and no status job per chat', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-proc-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let scratch: ScratchDatabase | undefined;
    if (backend === 'postgres') {
      scratch = await createScratchDatabase();
      cleanup.push(() => scratch!.drop());
    }
    const st = { dataDir, databaseUrl: scratch?.url ?? null, config: testConfig(), env: { PARLEY_RATE_LIMIT: 'off' } };
    const start = async (port?: number): Promise<ServerProcess> => {
      const s = await startServer({ ...st, port });
      cleanup.push(() => s.kill());
      return s;
    };
    const first = await start();
    const db = await openDatabase({ url: scratch?.url, dataDir });
    cleanup.push(() => db.close());
    const clocks = async () =>
      (await db.kysely.selectFrom('conversations').select('state_json').where('status', '=', 'queued').execute()).map(
        (r) => (JSON.parse(r.state_json) as { abandonDeadline: number | null }).abandonDeadline,
      );
    // Connected customers, nobody available: every chat waits, and once each customer's connection
    // is stored, with no abandon clock running.
    const customers = await Promise.all(Array.from({ length: CHATS }, (_, i) => CustomerClient.open(first.url, { name: `Customer ${i}` })));
    cleanup.push(() => Promise.all(customers.map((c) => c.close())));
    await expect.poll(clocks, { timeout: 10_000 }).toEqual(Array(CHATS).fill(null));
    await first.kill();

    const restartedAt = Date.now();
    await start(first.port);
    // No socket survived: each chat's clock runs from the restart.
    for (const at of await clocks()) expect(at).toBeGreaterThanOrEqual(restartedAt);
    const jobs = await db.kysely
      .selectFrom('outbox_jobs')
      .select('id')
      .where('kind', '=', 'conversation_changed')
      .where('created_at', '>=', restartedAt)
      .execute();
    expect(jobs).toEqual([]);
  });
});
