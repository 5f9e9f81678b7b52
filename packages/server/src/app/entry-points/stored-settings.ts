import { readFileSync } from 'node:fs';
import { channelSettingsSpec, type SecretRef } from '@parley/channels';
import { isEncryptedSecret, type SecretBox } from './secret-box';

type Settings = Record<string, unknown>;

/** A secret as stored: sealed literal, or a reference read when used. */
export type StoredSecret = ReturnType<SecretBox['seal']> | { env: string } | { file: string };

/** What the admin API shows for a secret: whether it is set and where it comes from, never the value. */
export interface SecretView {
  set: true;
  source: string;
}

export const secretsOf = (channel: string): readonly string[] => channelSettingsSpec(channel)?.secrets ?? [];

/**
 * Settings as written (validated) → as stored: literal secrets sealed, references kept as
 * references, and a secret left out keeps the one stored before.
 */
export function toStoredSettings(channel: string, input: Settings | undefined, previous: Settings, box: SecretBox): Settings {
  if (!input) return {};
  const out: Settings = { ...input };
  for (const name of secretsOf(channel)) {
    const v = input[name] as SecretRef | undefined;
    if (v === undefined) {
      if (previous[name] !== undefined) out[name] = previous[name];
    } else out[name] = typeof v === 'string' ? box.seal(v) : v;
  }
  return out;
}

/** Stored settings with every secret replaced by `{ set, source }`. */
export function maskSettings(channel: string, stored: Settings): Settings {
  const out: Settings = { ...stored };
  for (const name of secretsOf(channel)) {
    const v = stored[name];
    if (v !== undefined) out[name] = { set: true, source: secretSource(v) } satisfies SecretView;
  }
  return out;
}

export function secretSource(v: unknown): string {
  if (typeof v === 'object' && v !== null) {
    if ('env' in v) return `env:${(v as { env: string }).env}`;
    if ('file' in v) return `file:${(v as { file: string }).file}`;
  }
  return 'literal';
}

export class SecretUnavailableError extends Error {}

/**
 * A secret's value now: sealed literals are opened, `{env}` and `{file}` are read at each call (a
 * rotated Kubernetes secret is picked up). `where` names the entry point and field in errors.
 */
export function resolveSecret(v: unknown, box: SecretBox, env: NodeJS.ProcessEnv, where: string): string {
  if (typeof v === 'string') return v;
  if (isEncryptedSecret(v)) {
    try {
      return box.open(v);
    } catch {
      throw new SecretUnavailableError(`${where}: the stored secret can't be decrypted (was PARLEY_SECRET or data/secret changed?)`);
    }
  }
  if (typeof v === 'object' && v !== null && 'env' in v) {
    const name = (v as { env: string }).env;
    const value = env[name];
    if (!value) throw new SecretUnavailableError(`${where}: environment variable ${name} is not set`);
    return value;
  }
  if (typeof v === 'object' && v !== null && 'file' in v) {
    const path = (v as { file: string }).file;
    try {
      const value = readFileSync(path, 'utf8').trim();
      if (value) return value;
    } catch {
      // reported below, without the OS message's noise
    }
    throw new SecretUnavailableError(`${where}: secret file ${path} is missing, unreadable or empty`);
  }
  throw new SecretUnavailableError(`${where}: not set`);
}

/** Stored settings with every secret resolved to its value; an optional secret that is not set stays unset. */
export function resolveSettings(channel: string, stored: Settings, box: SecretBox, env: NodeJS.ProcessEnv, where: string): Settings {
  const out: Settings = { ...stored };
  const optional = channelSettingsSpec(channel)?.optionalSecrets ?? [];
  for (const name of secretsOf(channel)) {
    if (stored[name] === undefined && optional.includes(name)) continue;
    out[name] = resolveSecret(stored[name], box, env, `${where} ${name}`);
  }
  return out;
}
