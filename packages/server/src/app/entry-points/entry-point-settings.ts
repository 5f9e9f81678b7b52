import { channelSettingsSpec, PROVIDER_DEFAULTS, type ProvidersSettings, type ResolvedProviders } from '@parley/channels';
import type { EntryPointRecord } from '@parley/storage';
import type { Directory } from '../directory';
import type { SecretBox } from './secret-box';
import { resolveSecret, resolveSettings } from './stored-settings';

/**
 * An entry point's settings with secrets resolved. Their shape is the channel's settings schema
 * (channels/src/<channel>/settings.ts); only that channel's adapter reads them.
 */
export interface ResolvedEntryPoint {
  entryPoint: EntryPointRecord;
  channel: string;
  settings: Record<string, unknown>;
}


/**
 * What the channel pipeline reads: an entry point's settings with secrets resolved at the moment
 * of use, the entry point a provider webhook names (by phone-number id, page id or number), and
 * the provider-wide settings. Reads the in-memory directory, so admin changes apply at once.
 */
export class EntryPointSettings {
  constructor(
    private readonly directory: Directory,
    /** Seals literal secrets written through the admin API. */
    readonly box: SecretBox,
    private readonly providerSettings: ProvidersSettings = {},
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Throws SecretUnavailableError naming the entry point and field when a secret can't be read. */
  resolve(entryPointId: string): ResolvedEntryPoint | undefined {
    const e = this.directory.entryPoints.get(entryPointId);
    if (!e) return undefined;
    const settings = resolveSettings(e.channel, e.settings, this.box, this.env, `entry point "${e.id}"`);
    return { entryPoint: e, channel: e.channel, settings };
  }

  /** The entry point of `channel` whose provider id (phone-number id, page id, SMS number) is `key`. */
  findByProviderKey(channel: string, key: string): EntryPointRecord | undefined {
    const field = channelSettingsSpec(channel)?.providerKey;
    if (!field) return undefined;
    for (const e of this.directory.entryPoints.values()) if (e.channel === channel && e.settings[field] === key) return e;
    return undefined;
  }

  /** Provider-wide settings with defaults filled and secrets resolved (`meta` only when configured). */
  providers(): ResolvedProviders {
    const m = this.providerSettings.meta;
    const env = this.env;
    return {
      meta: m && {
        appSecret: resolveSecret(m.appSecret, this.box, env, 'providers.meta appSecret'),
        verifyToken: resolveSecret(m.verifyToken, this.box, env, 'providers.meta verifyToken'),
      },
      graph: { baseUrl: m?.graphBaseUrl ?? PROVIDER_DEFAULTS.graphBaseUrl, apiVersion: m?.apiVersion ?? PROVIDER_DEFAULTS.apiVersion },
      twilio: { apiBaseUrl: this.providerSettings.twilio?.apiBaseUrl ?? PROVIDER_DEFAULTS.twilioApiBaseUrl },
    };
  }
}
