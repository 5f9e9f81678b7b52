/**
 * GET /api/admin/channel-settings (admins): what each channel needs in an entry point's `settings`,
 * flattened from its schema (packages/channels settings registry) so a form can be drawn from it.
 * Channels not listed take no settings (web chat).
 */
export interface ChannelSettingsField {
  name: string;
  /** `secret`: write-only (a value, `{env}` or `{file}`); a GET shows it only as `{ set, source }`. */
  type: 'text' | 'integer' | 'boolean' | 'choice' | 'secret';
  required: boolean;
  description?: string;
  /** For `text`: the pattern the value must match. */
  pattern?: string;
  /** For `choice`. */
  choices?: string[];
  minimum?: number;
  maximum?: number;
}

export interface ChannelSettingsDto {
  channel: string;
  fields: ChannelSettingsField[];
}
