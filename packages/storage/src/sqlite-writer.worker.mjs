// @ts-check
/**
 * The SQLite writer thread (see sqlite-writer.ts): it owns the connection that writes plan batches
 * and checkpoints the WAL, so statements, COMMIT and checkpoints don't cost the server's event loop.
 *
 *   In:  { type: 'batch', id, units: [{ statements: [{ sql, params }], guard }] } | { type: 'close', id }
 *   Out: { id, results: [{ ok: true, changes, skipped } | { ok: false, error: { message, code } }] } | { id, closed: true }
 *
 * Batches that queued while it was busy are written together in one transaction. A failing unit is
 * undone alone (the batch reruns with a savepoint per unit) and the others still commit; if COMMIT
 * itself fails, every unit is retried in its own transaction, so each caller learns its own fate.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';

/** @typedef {{ statements: { sql: string, params: unknown[] }[], guard?: boolean }} Unit */
/** @typedef {{ ok: true, changes: number[], skipped: boolean } | { ok: false, error: { message: string, code: string | undefined } }} UnitResult */

const require = createRequire(import.meta.url);
/** @type {typeof import('better-sqlite3')} */
const Database = require('better-sqlite3');
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

const { file, synchronous, checkpointEveryMs, walSizeLimitBytes } = workerData;
const db = new Database(file);
db.pragma('busy_timeout = 5000');
runWriter();

function runWriter() {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  // Checkpoints are this thread's own (checkpoint below), never inside a commit.
  db.pragma('wal_autocheckpoint = 0');
  // A restarted WAL is truncated back to this size, so one burst doesn't keep a huge file.
  db.pragma(`journal_size_limit = ${walSizeLimitBytes}`);

  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const savepoint = db.prepare('SAVEPOINT unit');
  const release = db.prepare('RELEASE unit');
  const rollbackTo = db.prepare('ROLLBACK TO unit');

  /** @type {Map<string, import('better-sqlite3').Statement>} */
  const statements = new Map();
  const prepare = (/** @type {string} */ sql) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      // Bounded: plans use a handful of fixed shapes, but nothing may grow without end.
      if (statements.size >= 500) statements.clear();
      statements.set(sql, stmt);
    }
    return stmt;
  };

  /** @param {Unit} unit @returns {UnitResult} */
  const runUnit = (unit) => {
    /** @type {number[]} */
    const changes = [];
    for (let i = 0; i < unit.statements.length; i++) {
      const { sql, params } = unit.statements[i];
      const stmt = prepare(sql);
      const n = stmt.reader ? stmt.all(...params).length : stmt.run(...params).changes;
      changes.push(n);
      if (unit.guard && i === 0 && n === 0) return { ok: true, changes, skipped: true };
    }
    return { ok: true, changes, skipped: false };
  };

  /** @param {unknown} err @returns {UnitResult} */
  const failure = (err) => {
    const e = /** @type {{ message?: unknown, code?: unknown }} */ (err ?? {});
    return { ok: false, error: { message: String(e.message ?? err), code: typeof e.code === 'string' ? e.code : undefined } };
  };

  /** @param {Unit} unit @returns {UnitResult} */
  const runInSavepoint = (unit) => {
    savepoint.run();
    try {
      const r = runUnit(unit);
      release.run();
      return r;
    } catch (err) {
      rollbackTo.run();
      release.run();
      return failure(err);
    }
  };

  /**
   * Optimistic: units run back to back (a savepoint costs as much as a unit's own inserts). If one
   * throws, the transaction is rolled back and the batch runs again with a savepoint per unit.
   * @param {Unit[]} units @returns {UnitResult[]}
   */
  const runBatch = (units) => {
    try {
      begin.run();
    } catch (err) {
      return units.map(() => failure(err));
    }
    let results;
    try {
      results = units.map(runUnit);
    } catch {
      rollback.run();
      begin.run();
      results = units.map(runInSavepoint);
    }
    try {
      commit.run();
      return results;
    } catch {
      if (db.inTransaction) rollback.run();
      return units.map((unit) => {
        try {
          return db.transaction(() => runUnit(unit))();
        } catch (err) {
          return failure(err);
        }
      });
    }
  };

  let lastCheckpoint = performance.now();
  /**
   * Checkpoints run here, between batches, so no other writer comes between the copy and the next
   * write: each completes, and the next write restarts the WAL from its beginning. (A checkpoint
   * on another thread never catches up with steady writes, and the WAL then grows without end.)
   * Often and small: a checkpoint's cost is mostly flushing what was written since the last one.
   */
  const checkpoint = () => {
    const now = performance.now();
    if (now - lastCheckpoint < checkpointEveryMs) return;
    lastCheckpoint = now;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // I/O trouble: the next one tries again.
    }
  };
  // Also when no batch comes, for what the server's own connection wrote.
  const timer = setInterval(checkpoint, Math.max(checkpointEveryMs, 100));

  /** @param {{ id: number, units: Unit[] }} first */
  const onBatch = (first) => {
    const batches = [first];
    let other;
    for (;;) {
      const next = receiveMessageOnPort(port);
      if (!next) break;
      if (next.message.type !== 'batch') {
        other = next.message;
        break;
      }
      batches.push(next.message);
    }
    const results = runBatch(batches.flatMap((b) => b.units));
    let at = 0;
    for (const b of batches) {
      port.postMessage({ id: b.id, results: results.slice(at, at + b.units.length) });
      at += b.units.length;
    }
    // After the replies: these callers don't wait for the copy, only later batches do.
    checkpoint();
    if (other) onMessage(other);
  };

  /** @param {{ type: string, id: number, units: Unit[] }} msg */
  const onMessage = (msg) => {
    if (msg.type === 'batch') onBatch(msg);
    else if (msg.type === 'close') {
      clearInterval(timer);
      db.close();
      port.postMessage({ id: msg.id, closed: true });
    }
  };
  port.on('message', onMessage);
}
