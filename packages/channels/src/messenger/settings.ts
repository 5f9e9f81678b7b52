import { Type, type Static } from '@sinclair/typebox';
import { secret } from '../settings/secret';

/** One Facebook Page (an entry point's `settings`). */
export const MessengerSettings = Type.Object(
  {
    pageId: Type.String({ pattern: '^[0-9]{1,32}$', description: 'Facebook Page id (webhooks name it)' }),
    pageAccessToken: secret('Page access token'),
  },
  { additionalProperties: false },
);
export type MessengerSettings = Static<typeof MessengerSettings>;
