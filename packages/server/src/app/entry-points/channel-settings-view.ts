import type { TSchema } from '@sinclair/typebox';
import { CHANNEL_SETTINGS } from '@parley/channels';
import type { ChannelSettingsDto, ChannelSettingsField } from '@parley/protocol';

interface JsonSchema {
  type?: string;
  description?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  const?: unknown;
  anyOf?: JsonSchema[];
  'x-secret'?: boolean;
}

/** Each channel's settings as a flat list of fields (the admin form draws its inputs from it). */
export function channelSettingsView(): ChannelSettingsDto[] {
  return Object.entries(CHANNEL_SETTINGS).map(([channel, spec]) => {
    const required = new Set(spec.schema.required ?? []);
    const fields = Object.entries(spec.schema.properties as Record<string, TSchema>).map(([name, s]) => fieldOf(name, s as JsonSchema, required.has(name)));
    return { channel, fields };
  });
}

function fieldOf(name: string, s: JsonSchema, required: boolean): ChannelSettingsField {
  const base = { name, required, ...(s.description !== undefined && { description: s.description }) };
  if (s['x-secret']) return { ...base, type: 'secret' };
  const choices = s.anyOf?.every((x) => typeof x.const === 'string') ? s.anyOf.map((x) => String(x.const)) : undefined;
  if (choices) return { ...base, type: 'choice', choices };
  if (s.type === 'boolean') return { ...base, type: 'boolean' };
  if (s.type === 'integer') {
    return { ...base, type: 'integer', ...(s.minimum !== undefined && { minimum: s.minimum }), ...(s.maximum !== undefined && { maximum: s.maximum }) };
  }
  return { ...base, type: 'text', ...(s.pattern !== undefined && { pattern: s.pattern }) };
}
