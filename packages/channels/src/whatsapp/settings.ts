import { Type, type Static } from '@sinclair/typebox';
import { secret } from '../settings/secret';

/** One WhatsApp Business phone number (an entry point's `settings`). */
export const WhatsAppSettings = Type.Object(
  {
    wabaId: Type.String({ pattern: '^[0-9]{1,32}$', description: 'WhatsApp Business Account id' }),
    phoneNumberId: Type.String({ pattern: '^[0-9]{1,32}$', description: 'Cloud API phone-number id (webhooks name it)' }),
    displayNumber: Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'The number customers see, E.164' }),
    accessToken: secret('System-user access token'),
  },
  { additionalProperties: false },
);
export type WhatsAppSettings = Static<typeof WhatsAppSettings>;
