/**
 * The supervisor live view at 1,000 agents and 10,000 open conversations (see bench/README.md,
 * "Supervisor view"): a node restarted on a seeded floor, a Chromium page on `#/supervisor`, and a
 * steady stream of real events, each timed from its send to the supervisor's socket frame and to
 * the screen.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '@parley/storage';
import { fmtMs, log } from './lib';
import { startParley, type ParleyServer } from './parley';
import { floorConfig, seedFloor, type FloorShape, type FloorSummary } from './supervisor-floor';
import { runLive, type LiveOptions, type LiveResult } from './supervisor-live';

export interface FloorStart {
  server: ParleyServer;
  dataDir: string;
  summary: FloorSummary;
  /** Start → answering /healthz on the empty floor (configuration applied, nothing open). */
  emptyStartMs: number;
  /** The same on the seeded floor: every open conversation restored. */
  seededStartMs: number;
}

const DESKTOP_BUNDLE = resolve(import.meta.dirname, '../packages/desktop/dist/index.html');

const SERVER_ENV: NodeJS.ProcessEnv = {
  // Seeded chats have no customer socket: they are not abandoned during the bench.
  PARLEY_ABANDON_AFTER_MS: String(3_600_000),
};

/** First start (applies the config), seed, restart on the seeded floor. */
export async function startSeededFloor(shape: FloorShape, databaseUrl: string | undefined): Promise<FloorStart> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-floor-'));
  const config = floorConfig(shape);
  const shapeForStart = { agents: shape.agents, capacity: 0, queues: 0, conversations: 0 };
  try {
    let t = performance.now();
    const first = await startParley(shapeForStart, databaseUrl, config, SERVER_ENV, dataDir);
    const emptyStartMs = performance.now() - t;
    await first.stop();
    const db = await openDatabase({ url: databaseUrl, dataDir });
    let summary: FloorSummary;
    try {
      summary = await seedFloor(db, shape);
    } finally {
      await db.close();
    }
    log(`seeded ${JSON.stringify(summary.conversations)} conversations, agents ${JSON.stringify(summary.agents)} in ${(summary.seedMs / 1000).toFixed(1)} s`);
    t = performance.now();
    const server = await startParley(shapeForStart, databaseUrl, config, SERVER_ENV, dataDir);
    const seededStartMs = performance.now() - t;
    return { server, dataDir, summary, emptyStartMs, seededStartMs };
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

export interface SupervisorRun {
  label: string;
  floor: string;
  start?: Omit<FloorStart, 'server' | 'dataDir'>;
  live?: LiveResult;
  problems: string[];
  stopResult?: string;
  error?: string;
}

/** One node: seeded (or empty) floor, restart, the live stream with the page; always stopped. */
export async function supervisorRun(label: string, floor: string, shape: FloorShape, databaseUrl: string | undefined, live: LiveOptions): Promise<SupervisorRun> {
  log(`--- supervisor view, ${floor} (${label})`);
  const run: SupervisorRun = { label, floor, problems: [] };
  let started: FloorStart | undefined;
  try {
    if (!existsSync(DESKTOP_BUNDLE)) throw new Error(`no Agent Desktop bundle at ${DESKTOP_BUNDLE}: run \`npm run build:web\` first`);
    started = await startSeededFloor(shape, databaseUrl);
    const { server: _s, dataDir: _d, ...start } = started;
    run.start = start;
    log(`restart on the seeded floor: ready in ${(started.seededStartMs / 1000).toFixed(1)} s (the first start, empty, ${(started.emptyStartMs / 1000).toFixed(1)} s)`);
    run.live = await runLive(started.server, live);
    const l = run.live;
    log(
      `${floor}: ${l.measured} measured events (${JSON.stringify(l.perKind)}); event → screen p50 ${fmtMs(l.screen.p50)} / p95 ${fmtMs(l.screen.p95)} / p99 ${fmtMs(l.screen.p99)} ms; → supervisor socket p99 ${fmtMs(l.supervisorSocket.p99)} ms; → agent socket p99 ${fmtMs(l.agentSocket.p99)} ms; missed ${l.missedScreen} screen / ${l.missedSocket} socket`,
    );
  } catch (err) {
    run.error = String((err as Error).stack ?? err);
    log(`supervisor ${floor} (${label}) failed: ${(err as Error).message}`);
  } finally {
    if (started) {
      run.problems = started.server.problems();
      run.stopResult = await started.server.stop();
      rmSync(started.dataDir, { recursive: true, force: true });
    }
  }
  return run;
}
