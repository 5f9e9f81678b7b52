import { Type, type Static } from '@sinclair/typebox';
import { secret } from '../settings/secret';

/** One Twilio SMS number (an entry point's `settings`). */
export const SmsSettings = Type.Object(
  {
    /** E.164 for long codes and toll-free numbers; 3 to 8 digits for a short code. */
    number: Type.String({ pattern: '^(\\+[1-9][0-9]{6,14}|[0-9]{3,8})$', description: 'E.164 number or short code' }),
    numberKind: Type.Union([Type.Literal('long_code'), Type.Literal('short_code'), Type.Literal('toll_free')]),
    accountSid: Type.String({ pattern: '^AC[0-9a-fA-F]{32}$', description: 'Twilio account SID' }),
    authToken: secret('Twilio auth token (signs webhooks, authenticates sends)'),
    publicWebhookUrl: Type.String({ minLength: 1, description: 'The exact URL entered in Twilio: signatures cover it' }),
  },
  { additionalProperties: false },
);
export type SmsSettings = Static<typeof SmsSettings>;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Checks the schema can't express: the number matches its kind; the webhook URL is https (http only on loopback, for tests). */
export function smsSettingsProblems(s: SmsSettings): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const e164 = s.number.startsWith('+');
  if (s.numberKind === 'short_code' && e164) problems.push({ path: '/number', message: 'a short code is 3 to 8 digits, without +' });
  if (s.numberKind !== 'short_code' && !e164) problems.push({ path: '/number', message: `a ${s.numberKind} number must be E.164 (+ and country code)` });
  let url: URL | undefined;
  try {
    url = new URL(s.publicWebhookUrl);
  } catch {
    problems.push({ path: '/publicWebhookUrl', message: 'must be an absolute URL' });
  }
  if (url && url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    problems.push({ path: '/publicWebhookUrl', message: 'must be https (http only for a loopback host)' });
  }
  return problems;
}
