import { channelSettingsSpec, settingsProblems } from '@parley/channels';

interface EntryPointLike {
  id: string;
  channel: string;
  settings?: Record<string, unknown>;
}

/**
 * The config file's entry points: each one's settings valid for its channel (reported with the
 * path, e.g. `/entryPoints/2/settings/number`), and no two naming the same provider id (a webhook
 * must route to one entry point).
 */
export function entryPointProblems(entryPoints: EntryPointLike[]): string[] {
  const problems: string[] = [];
  const owners = new Map<string, string>();
  entryPoints.forEach((e, i) => {
    for (const p of settingsProblems(e.channel, e.settings)) {
      problems.push(`/entryPoints/${i}/settings${p.path} ${p.message} (entry point "${e.id}")`);
    }
    const dup = providerKeyOwner(owners, e);
    if (dup) problems.push(`entry points "${dup}" and "${e.id}" use the same ${e.channel} ${channelSettingsSpec(e.channel)?.providerKey}`);
  });
  return problems;
}

/** Records `e`'s provider key; returns the id of an earlier entry point with the same one. */
export function providerKeyOwner(owners: Map<string, string>, e: EntryPointLike): string | undefined {
  const field = channelSettingsSpec(e.channel)?.providerKey;
  const key = field && e.settings?.[field];
  if (typeof key !== 'string') return undefined;
  const k = `${e.channel}:${key}`;
  const prev = owners.get(k);
  if (prev !== undefined && prev !== e.id) return prev;
  owners.set(k, e.id);
  return undefined;
}
