import { channelSettingsSpec, PROVIDER_DEFAULTS, type MessengerSettings, type ProvidersSettings, type ResolvedProviders, type SmsSettings, type WhatsAppSettings } from '@parley/channels';
import type { EntryPointRecord } from '@parley/storage';
import type { Directory } from '../directory';
import type { SecretBox } from './secret-box';
import { resolveSecret, resolveSettings } from './stored-settings';

/** An entry point's settings with secrets resolved, typed by channel. */
export type ResolvedEntryPoint =
  | { entryPoint: EntryPointRecord; channel: 'whatsapp'; settings: WhatsAppSettings & { accessToken: string } }
  | { entryPoint: EntryPointRecord; channel: 'messenger'; settings: MessengerSettings & { pageAccessToken: string } }
  | { entryPoint: EntryPointRecord; channel: 'sms'; settings: SmsSettings & { authToken: string } }
  | { entryPoint: EntryPointRecord; channel: 'webchat'; settings: Record<string, never> };


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
    return { entryPoint: e, channel: e.channel, settings } as ResolvedEntryPoint;
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
