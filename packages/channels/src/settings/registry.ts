import type { TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { ChannelType } from '@parley/protocol';
import { EmailSettings, emailSettingsProblems } from '../email/settings';
import { MessengerSettings } from '../messenger/settings';
import { SmsSettings, smsSettingsProblems } from '../sms/settings';
import { WhatsAppSettings } from '../whatsapp/settings';

export interface SettingsProblem {
  /** JSON pointer inside the settings object, e.g. `/number`. */
  path: string;
  message: string;
}

/** What a channel needs in an entry point's `settings`. Web chat needs none. */
export interface ChannelSettingsSpec {
  schema: TObject;
  /** Field names holding secrets (stored encrypted, never returned, resolved when used). */
  secrets: readonly string[];
  /** The secrets an entry point may leave unset (resolved only when set). */
  optionalSecrets: readonly string[];
  /** The id a provider's webhook names this entry point by (phone-number id, page id, number). */
  providerKey: string;
  /** Checks beyond the schema. */
  problems?: (settings: never) => SettingsProblem[];
  /** The field customers know the entry point by (the number they write to), shown as its address. */
  addressField?: string;
}

function spec(schema: TObject, providerKey: string, extra: Pick<ChannelSettingsSpec, 'problems' | 'addressField'> = {}): ChannelSettingsSpec {
  const secrets = Object.entries(schema.properties)
    .filter(([, s]) => (s as { 'x-secret'?: boolean })['x-secret'])
    .map(([k]) => k);
  const required = new Set(schema.required ?? []);
  return { schema, secrets, optionalSecrets: secrets.filter((k) => !required.has(k)), providerKey, ...extra };
}

/** The one map channel → settings. Channels not listed take no settings. */
export const CHANNEL_SETTINGS: Partial<Record<ChannelType, ChannelSettingsSpec>> = {
  whatsapp: spec(WhatsAppSettings, 'phoneNumberId', { addressField: 'displayNumber' }),
  messenger: spec(MessengerSettings, 'pageId'),
  sms: spec(SmsSettings, 'number', { problems: smsSettingsProblems as ChannelSettingsSpec['problems'], addressField: 'number' }),
  email: spec(EmailSettings, 'address', { problems: emailSettingsProblems as ChannelSettingsSpec['problems'], addressField: 'address' }),
};

/** An entry point's address: the one configured, else the number its settings name (SMS, WhatsApp). */
export function entryPointAddress(e: { channel: string; address: string; settings: Record<string, unknown> }): string {
  if (e.address) return e.address;
  const field = channelSettingsSpec(e.channel)?.addressField;
  const v = field ? e.settings[field] : undefined;
  return typeof v === 'string' ? v : '';
}

export function channelSettingsSpec(channel: string): ChannelSettingsSpec | undefined {
  return CHANNEL_SETTINGS[channel as ChannelType];
}

/**
 * Validates an entry point's settings for its channel. `keepSecrets` lists secrets already stored:
 * those may be left out (an admin update keeps them).
 */
export function settingsProblems(channel: string, settings: unknown, keepSecrets: readonly string[] = []): SettingsProblem[] {
  const s = channelSettingsSpec(channel);
  if (!s) {
    const empty = settings === undefined || (typeof settings === 'object' && settings !== null && Object.keys(settings).length === 0);
    return empty ? [] : [{ path: '', message: `the ${channel} channel takes no settings` }];
  }
  if (settings === undefined) return [{ path: '', message: `a ${channel} entry point needs settings` }];
  const filled =
    typeof settings === 'object' && settings !== null
      ? { ...Object.fromEntries(keepSecrets.map((k) => [k, 'kept'])), ...settings }
      : settings;
  // One problem per field (TypeBox also reports e.g. "Expected union value" for a missing secret).
  const errors: SettingsProblem[] = [];
  for (const e of Value.Errors(s.schema, filled)) {
    // A pattern alone is cryptic: say what the field is (its schema description, e.g. "E.164").
    const what = (e.schema as { description?: string }).description;
    if (!errors.some((p) => p.path === e.path)) errors.push({ path: e.path, message: what ? `${e.message} (${what})` : e.message });
    if (errors.length === 10) break;
  }
  if (errors.length) return errors;
  return s.problems?.(filled as never) ?? [];
}
