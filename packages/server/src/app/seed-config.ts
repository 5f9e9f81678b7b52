import { ConfigError, type ConfigFile } from '../config/config-file';
import { providerKeyOwner } from '../config/entry-point-checks';
import { hashPassword, verifyPassword } from '../config/passwords';
import { templateRecord } from '../config/template-config';
import * as store from '@parley/storage';
import type { Db, Executor } from '@parley/storage';
import type { SecretBox } from './entry-points/secret-box';
import { toStoredSettings } from './entry-points/stored-settings';
import { workflowRecord } from './workflows/admin-workflows';
import { queueRecordOf } from './admin/config-shapes';

/**
 * The slow and checking part of writing the config file into storage, done before its transaction:
 * each agent's password hash (the stored one kept when the password still matches it), and the
 * check that the file's entry points take no provider id held by one added through the admin API.
 */
export async function prepareConfigFile(db: Db, cfg: ConfigFile): Promise<Map<string, string>> {
  const k = db.kysely;
  const existing = new Map((await store.listAgents(k)).map((a) => [a.id, a]));
  const hashes = new Map<string, string>();
  for (const a of cfg.agents ?? []) {
    const prev = existing.get(a.id);
    if (a.passwordHash) hashes.set(a.id, a.passwordHash);
    else if (prev && (await verifyPassword(a.password!, prev.passwordHash))) hashes.set(a.id, prev.passwordHash);
    else hashes.set(a.id, await hashPassword(a.password!));
  }
  await checkProviderKeysAgainstStored(db, cfg);
  return hashes;
}

/**
 * Writes the config file's entries (the file wins for what it names; entries it doesn't name are
 * kept). Agents' runtime state survives. Run inside the caller's transaction (see config-source.ts).
 */
export async function writeConfigFile(trx: Executor, cfg: ConfigFile, now: number, box: SecretBox, hashes: Map<string, string>): Promise<void> {
  for (const t of cfg.teams ?? []) await store.upsertTeam(trx, { id: t.id, name: t.name });
  for (const a of cfg.agents ?? []) {
    await store.upsertAgent(trx, {
      id: a.id,
      username: a.username,
      displayName: a.displayName,
      passwordHash: hashes.get(a.id)!,
      role: a.role ?? 'agent',
      capacity: a.capacity ?? {},
      teamIds: a.teams ?? [],
      state: 'offline',
      idleReasonId: null,
      stateChangedAt: now,
      readySince: now,
      createdAt: now,
    });
  }
  for (const q of cfg.queues ?? []) await store.upsertQueue(trx, queueRecordOf(q));
  for (const e of cfg.entryPoints ?? []) {
    // Literal secrets are sealed; the file names every secret, so nothing stored is kept.
    const settings = toStoredSettings(e.channel, e.settings, {}, box);
    await store.upsertEntryPoint(trx, { id: e.id, name: e.name, channel: e.channel, queueId: e.queue, address: e.address ?? '', settings });
  }
  let i = 0;
  for (const r of cfg.idleReasons ?? []) await store.upsertIdleReason(trx, { id: r.id, label: r.label, labelZh: r.labelZh ?? null, position: i++ });
  i = 0;
  for (const r of cfg.wrapupReasons ?? []) await store.upsertWrapupReason(trx, { id: r.id, label: r.label, labelZh: r.labelZh ?? null, position: i++ });
  i = 0;
  for (const t of cfg.templates ?? []) {
    await store.upsertTemplate(trx, templateRecord(t, i++));
  }
  i = 0;
  const queueIds = new Set((await store.listQueues(trx)).map((q) => q.id));
  for (const w of cfg.workflows ?? []) await store.upsertWorkflow(trx, workflowRecord(w, undefined, queueIds, box, i++));
}

/** The file's entry points may not take a provider id (phone-number id, page id, number) that one added through the admin API holds. */
async function checkProviderKeysAgainstStored(db: Db, cfg: ConfigFile): Promise<void> {
  const named = new Set((cfg.entryPoints ?? []).map((e) => e.id));
  const owners = new Map<string, string>();
  for (const e of await store.listEntryPoints(db.kysely)) if (!named.has(e.id)) providerKeyOwner(owners, e);
  for (const e of cfg.entryPoints ?? []) {
    const other = providerKeyOwner(owners, e);
    if (other) throw new ConfigError(`entry point "${e.id}" uses the provider id of entry point "${other}" (added through the admin API)`);
  }
}
