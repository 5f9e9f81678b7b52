import type { Db } from '@parley/storage';
import * as store from '@parley/storage';
import { ConfigError, type ConfigFile } from '../../config/config-file';
import type { SecretBox } from '../entry-points/secret-box';
import { prepareConfigFile, writeConfigFile } from '../seed-config';
import { recordAudit, SECRETS_CHANGED } from './audit';
import { CONFIG_KINDS, configSnapshot, type ConfigKind, type ConfigSnapshot } from './config-snapshot';
import { sameJson } from './same-json';

/*
 * One source of truth: the database. The config file seeds a database it has never seeded; after
 * that its entities are not re-applied at start (an admin's change is never undone by a restart).
 * Each start compares the file with the database and reports every difference; `config:apply`
 * (or `--apply-config`) makes the file win for what it names. Both are recorded in the audit log
 * with actor null (the config file). `providers:` and `channels:` are deployment settings, read
 * from the file at every start, and not part of this.
 */

const SEEDED = 'seeded';

export interface ConfigAtStart {
  /** The file was written into the database at this start (first start, or `apply`). */
  applied: boolean;
  /** What writing the file changed (applied), or would change (not applied): one line each, no secrets. */
  changes: string[];
}

export async function configAtStart(db: Db, cfg: ConfigFile, now: number, box: SecretBox, opts: { apply?: boolean } = {}): Promise<ConfigAtStart> {
  const seeded = (await store.getConfigState(db.kysely, SEEDED)) !== undefined;
  if (!seeded || opts.apply) {
    const changes = await applyConfigFile(db, cfg, now, box, seeded ? 'config:apply: the file wins for what it names' : 'first start: the config file seeded the database');
    return { applied: true, changes };
  }
  return { applied: false, changes: await configDrift(db, cfg, now, box) };
}

/** Writes the file's entities (one transaction, with an audit entry per entity changed); gives what changed. */
export async function applyConfigFile(db: Db, cfg: ConfigFile, now: number, box: SecretBox, reason: string): Promise<string[]> {
  const hashes = await prepareConfigFile(db, cfg);
  return db.kysely.transaction().execute(async (trx) => {
    const before = await configSnapshot(trx, box);
    await writeConfigFile(trx, cfg, now, box, hashes);
    const after = await configSnapshot(trx, box);
    const changed = changedEntities(before, after);
    for (const { kind, id } of changed) {
      const prev = before.get(kind)?.get(id);
      const a = after.get(kind)?.get(id);
      if (!a) continue;
      const b = prev?.shape;
      const secretsChanged = Object.keys(a.secrets).filter((path) => prev?.secrets[path] !== a.secrets[path]);
      await recordAudit(trx, {
        at: now, actor: null, kind, entityId: id, action: 'apply', before: b, reason,
        // A password or secret written is named, never its value.
        after: secretsChanged.length ? { ...a.shape, [SECRETS_CHANGED]: secretsChanged } : a.shape,
      });
    }
    await recordAudit(trx, { at: now, actor: null, kind: 'config', entityId: 'file', action: 'apply', before: null, after: { changed: changed.length }, reason });
    await store.setConfigState(trx, SEEDED, { at: now }, now);
    return describeChanges(before, after, namedIn(cfg));
  });
}

/** What applying the file would change, found by applying it in a transaction that is rolled back. */
export async function configDrift(db: Db, cfg: ConfigFile, now: number, box: SecretBox): Promise<string[]> {
  let hashes: Map<string, string>;
  try {
    hashes = await prepareConfigFile(db, cfg);
  } catch (err) {
    if (err instanceof ConfigError) return [`config:apply would fail: ${err.message}`];
    throw err;
  }
  let lines: string[] = [];
  await db.kysely
    .transaction()
    .execute(async (trx) => {
      const before = await configSnapshot(trx, box);
      await writeConfigFile(trx, cfg, now, box, hashes);
      lines = describeChanges(before, await configSnapshot(trx, box), namedIn(cfg));
      throw ROLLBACK;
    })
    .catch((err: unknown) => {
      if (err !== ROLLBACK) throw err;
    });
  return lines;
}

const ROLLBACK = new Error('rollback: only comparing');

type Named = Record<ConfigKind, Set<string>>;

function namedIn(cfg: ConfigFile): Named {
  const ids = (xs: { id: string }[] | undefined) => new Set((xs ?? []).map((x) => x.id));
  return {
    team: ids(cfg.teams), agent: ids(cfg.agents), queue: ids(cfg.queues), 'entry-point': ids(cfg.entryPoints), 'idle-reason': ids(cfg.idleReasons),
    'wrapup-reason': ids(cfg.wrapupReasons), template: ids(cfg.templates), workflow: ids(cfg.workflows),
  };
}

function changedEntities(before: ConfigSnapshot, after: ConfigSnapshot): { kind: ConfigKind; id: string }[] {
  const out: { kind: ConfigKind; id: string }[] = [];
  for (const kind of CONFIG_KINDS) {
    for (const [id, a] of after.get(kind) ?? []) {
      const b = before.get(kind)?.get(id);
      if (!b || !sameJson(b.shape, a.shape) || !sameJson(b.secrets, a.secrets)) out.push({ kind, id });
    }
  }
  return out;
}

const LABEL: Record<ConfigKind, string> = {
  team: 'team', agent: 'agent', queue: 'queue', 'entry-point': 'entry point', 'idle-reason': 'idle reason', 'wrapup-reason': 'wrap-up reason', template: 'template', workflow: 'workflow',
};

/** One line per difference, e.g. `queue "q1" offerTimeoutSeconds: file 30, database 45`; secrets only say they differ. */
function describeChanges(before: ConfigSnapshot, after: ConfigSnapshot, named: Named): string[] {
  const lines: string[] = [];
  for (const kind of CONFIG_KINDS) {
    const what = (id: string) => `${LABEL[kind]} "${id}"`;
    for (const id of named[kind]) {
      const a = after.get(kind)?.get(id);
      const b = before.get(kind)?.get(id);
      if (!a) continue;
      if (!b) {
        lines.push(`${what(id)} only in the file`);
        continue;
      }
      for (const [field, file, database] of fieldDifferences(b.shape as Record<string, unknown>, a.shape as Record<string, unknown>)) {
        if (a.secrets[field] !== undefined || b.secrets[field] !== undefined) continue; // masked views: told below
        lines.push(`${what(id)} ${field}: file ${show(file)}, database ${show(database)}`);
      }
      for (const field of new Set([...Object.keys(a.secrets), ...Object.keys(b.secrets)])) {
        if (a.secrets[field] !== b.secrets[field]) lines.push(`${what(id)} ${field} differs`);
      }
    }
    for (const id of before.get(kind)?.keys() ?? []) if (!named[kind].has(id)) lines.push(`${what(id)} only in the database`);
  }
  return lines;
}

/** [field, file value, database value] for each top-level field that differs (settings: each setting). */
function fieldDifferences(database: Record<string, unknown>, file: Record<string, unknown>): [string, unknown, unknown][] {
  const out: [string, unknown, unknown][] = [];
  for (const key of new Set([...Object.keys(file), ...Object.keys(database)])) {
    const f = file[key];
    const d = database[key];
    if (sameJson(f, d)) continue;
    if (key === 'settings' && isObject(f) && isObject(d)) {
      for (const [k, ff, dd] of fieldDifferences(d, f)) out.push([`settings.${k}`, ff, dd]);
    } else out.push([key, f, d]);
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function show(v: unknown): string {
  if (v === undefined) return '(none)';
  const text = JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

