import { DomainError } from '@parley/core';
import { settingsProblems } from '@parley/channels';
import type { EntryPointDto } from '@parley/protocol';
import type { EntryPointRecord } from '@parley/storage';
import { providerKeyOwner } from '../../config/entry-point-checks';
import type { Directory } from '../directory';
import type { SecretBox } from './secret-box';
import { maskSettings, secretsOf, toStoredSettings } from './stored-settings';

/** The admin API's view of an entry point: its settings with secrets shown as `{ set, source }`. */
export function adminEntryPointView(dir: Directory, e: EntryPointRecord): EntryPointDto & { settings: Record<string, unknown> } {
  return { ...dir.entryPointDto(e), settings: maskSettings(e.channel, e.settings) };
}

/**
 * Validates a PUT's settings for its channel (400 naming the field) and gives them in stored form.
 * A secret left out keeps the stored one (same channel only); a literal is sealed.
 */
export function settingsForPut(
  dir: Directory,
  box: SecretBox,
  e: { id: string; channel: string; settings?: Record<string, unknown> },
): Record<string, unknown> {
  const prev = dir.entryPoints.get(e.id);
  const previous = prev && prev.channel === e.channel ? prev.settings : {};
  const input = e.settings && withoutEchoedSecrets(e.settings);
  // Only the stored secrets may be left out (kept); every other field is validated as sent.
  const kept = secretsOf(e.channel).filter((name) => previous[name] !== undefined);
  const problems = settingsProblems(e.channel, input, kept);
  if (problems.length) {
    throw new DomainError('PARLEY_ERR_VALIDATION', problems.map((p) => `settings${p.path} ${p.message}`).join('; '));
  }
  const owners = new Map<string, string>();
  for (const other of dir.entryPoints.values()) if (other.id !== e.id) providerKeyOwner(owners, other);
  const dup = providerKeyOwner(owners, e);
  if (dup) throw new DomainError('PARLEY_ERR_CONFLICT', `Entry point ${dup} already uses these provider ids`);
  return toStoredSettings(e.channel, input, previous, box);
}

/** A GET's `{ set: true, source }` sent back unchanged means "keep the stored secret", like leaving it out. */
function withoutEchoedSecrets(settings: Record<string, unknown>): Record<string, unknown> {
  const isView = (v: unknown) => typeof v === 'object' && v !== null && (v as { set?: unknown }).set === true;
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => !isView(v)));
}
