import * as store from '@parley/storage';
import type { AuditAction, AuditRecord, Executor } from '@parley/storage';
import { isEncryptedSecret } from '../entry-points/secret-box';
import { secretSource, secretsOf, type SecretView } from '../entry-points/stored-settings';

export type AuditKind =
  | 'queue'
  | 'agent'
  | 'team'
  | 'entry-point'
  | 'idle-reason'
  | 'wrapup-reason'
  | 'template'
  | 'workflow'
  | 'agent-state'
  | 'config';

/** Who made a change: a signed-in user, or null for the config file (seed, `config:apply`). */
export type AuditActor = { id: string; name: string } | null;

export interface AuditEntry {
  at: number;
  actor: AuditActor;
  kind: AuditKind;
  entityId: string;
  action: AuditAction;
  /** In the admin API's read shape; absent on create (before) or delete (after). */
  before?: unknown;
  after?: unknown;
  reason?: string;
}

/**
 * Records one audit entry with the executor given — pass the transaction that makes the change, so
 * the entry exists exactly when the change does. Secrets are redacted here whatever the caller passes.
 */
export async function recordAudit(ex: Executor, entry: AuditEntry): Promise<AuditRecord> {
  const record: AuditRecord = {
    id: store.orderedId(),
    at: entry.at,
    actorId: entry.actor?.id ?? null,
    actorName: entry.actor?.name ?? null,
    kind: entry.kind,
    entityId: entry.entityId,
    action: entry.action,
    before: redactForAudit(entry.before),
    after: redactForAudit(entry.after),
    reason: entry.reason ?? null,
  };
  await store.insertAudit(ex, record);
  return record;
}

const HASH_KEYS = new Set(['passwordHash', 'password_hash']);
/** Names which secrets a change wrote (never their values): not itself a secret. */
export const SECRETS_CHANGED = 'secretsChanged';
/** Field names that hold a secret wherever they appear (entry-point settings add their channel's own). */
const SECRET_KEY = /password|secret|token|apikey|credential/i;

/**
 * A copy with every secret replaced by `{ set: true, source }` (never its value) and password
 * hashes dropped: sealed values, the channel's secret settings, and fields named like a secret.
 */
export function redactForAudit(value: unknown): unknown {
  return redact(value, new Set());
}

function redact(value: unknown, secretNames: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => redact(v, secretNames));
  if (typeof value !== 'object' || value === null) return value;
  if (isEncryptedSecret(value)) return maskedSecret(value);
  const obj = value as Record<string, unknown>;
  // An entry point's settings: its channel names which of them are secrets.
  const channel = typeof obj.channel === 'string' ? obj.channel : undefined;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(obj)) {
    if (HASH_KEYS.has(key) || v === undefined) continue;
    if (key !== SECRETS_CHANGED && (secretNames.has(key) || SECRET_KEY.test(key)) && !isSecretView(v)) out[key] = maskedSecret(v);
    else out[key] = redact(v, key === 'settings' && channel ? new Set(secretsOf(channel)) : new Set());
  }
  return out;
}

function maskedSecret(v: unknown): SecretView | null {
  return v === null ? null : { set: true, source: secretSource(v) };
}

function isSecretView(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as { set?: unknown }).set === true && Object.keys(v).every((k) => k === 'set' || k === 'source');
}

/** The secrets a PUT body writes (a password, a workflow's secret, an entry point's secret settings); a `{set, source}` sent back keeps one. */
export function secretsWritten(body: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (body.password !== undefined || body.passwordHash !== undefined) out.push('password');
  if (body.secret !== undefined && !isSecretView(body.secret)) out.push('secret');
  const settings = body.settings;
  if (typeof body.channel === 'string' && typeof settings === 'object' && settings !== null) {
    for (const name of secretsOf(body.channel)) {
      const v = (settings as Record<string, unknown>)[name];
      if (v !== undefined && !isSecretView(v)) out.push(`settings.${name}`);
    }
  }
  return out;
}
