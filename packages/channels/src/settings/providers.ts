import { Type, type Static } from '@sinclair/typebox';
import { secret } from './secret';

const BaseUrl = Type.String({ pattern: '^https?://[^\\s]+$' });

/** Provider-wide settings (the config file's `providers:`), shared by every entry point of a provider. */
export const ProvidersSettings = Type.Object(
  {
    meta: Type.Optional(
      Type.Object(
        {
          appSecret: secret('Meta app secret: checks X-Hub-Signature-256 on WhatsApp and Messenger webhooks'),
          verifyToken: secret('The verify token entered with the webhook URL in the Meta app'),
          graphBaseUrl: Type.Optional(BaseUrl),
          apiVersion: Type.Optional(Type.String({ pattern: '^v[0-9]+\\.[0-9]+$' })),
        },
        { additionalProperties: false },
      ),
    ),
    twilio: Type.Optional(Type.Object({ apiBaseUrl: Type.Optional(BaseUrl) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type ProvidersSettings = Static<typeof ProvidersSettings>;

export const PROVIDER_DEFAULTS = {
  graphBaseUrl: 'https://graph.facebook.com',
  apiVersion: 'v23.0',
  twilioApiBaseUrl: 'https://api.twilio.com',
} as const;
