import { createHash } from 'node:crypto';
import * as store from '@parley/storage';
import type { Executor } from '@parley/storage';
import type { AuditKind } from './audit';
import { isEncryptedSecret, type SecretBox } from '../entry-points/secret-box';
import { secretsOf } from '../entry-points/stored-settings';
import { agentShape, entryPointShape, queueShape, reasonShape, teamShape, templateShape, workflowShape } from './config-shapes';

/** One stored entity: its read shape, and a digest of each secret (compared, never shown). */
export interface EntitySnapshot {
  shape: { id: string };
  /** Secret field path (`password`, `settings.accessToken`, `secret`) → digest of its value. */
  secrets: Record<string, string>;
}

export type ConfigSnapshot = Map<AuditKind, Map<string, EntitySnapshot>>;

/** The configuration kinds, in the order reports list them. */
export const CONFIG_KINDS = ['team', 'agent', 'queue', 'entry-point', 'idle-reason', 'wrapup-reason', 'template', 'workflow'] as const satisfies readonly AuditKind[];
export type ConfigKind = (typeof CONFIG_KINDS)[number];

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

/** A secret's digest: of the plain value when sealed (a re-sealed same value is the same), else of the reference. */
function secretDigest(v: unknown, box: SecretBox): string {
  if (isEncryptedSecret(v)) {
    try {
      return digest(`value:${box.open(v)}`);
    } catch {
      return digest(`sealed:${v.encrypted}`);
    }
  }
  return digest(`ref:${JSON.stringify(v)}`);
}

/** Everything configurable as stored, for comparing (the config file against the database) and auditing. */
export async function configSnapshot(ex: Executor, box: SecretBox): Promise<ConfigSnapshot> {
  const snap: ConfigSnapshot = new Map();
  const put = <R extends { id: string }>(kind: ConfigKind, rows: R[], shape: (r: R) => EntitySnapshot['shape'], secrets: (r: R) => Record<string, string> = () => ({})) =>
    snap.set(kind, new Map(rows.map((r) => [r.id, { shape: shape(r), secrets: secrets(r) }])));
  put('team', await store.listTeams(ex), teamShape);
  put('agent', await store.listAgents(ex), agentShape, (a) => ({ password: digest(a.passwordHash) }));
  put('queue', await store.listQueues(ex), queueShape);
  put('entry-point', await store.listEntryPoints(ex), entryPointShape, (e) =>
    Object.fromEntries(secretsOf(e.channel).filter((n) => e.settings[n] !== undefined).map((n) => [`settings.${n}`, secretDigest(e.settings[n], box)])),
  );
  put('idle-reason', await store.listReasons(ex, 'idle'), reasonShape);
  put('wrapup-reason', await store.listReasons(ex, 'wrapup'), reasonShape);
  put('template', await store.listTemplates(ex), templateShape);
  put('workflow', await store.listWorkflows(ex), workflowShape, (w) => ({ secret: secretDigest(w.secret, box) }));
  return snap;
}
