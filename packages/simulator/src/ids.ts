import { randomBytes } from 'node:crypto';

/** Provider-shaped ids: opaque to Parley, but recognisable in logs. */
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('').replace(/^0/, '1');

/** WhatsApp message id: `wamid.` + base64 (the real ones wrap the phone number and a hash). */
export const wamid = () => `wamid.${randomBytes(24).toString('base64url')}`;
/** Messenger message id. */
export const mid = () => `m_${randomBytes(24).toString('base64url')}`;
/** Twilio SIDs: two letters + 32 hex digits (SM for SMS, MM for MMS, ME for media). */
export const twilioSid = (prefix: 'SM' | 'MM' | 'ME') => `${prefix}${hex(16)}`;
/** Graph object ids (media, attachments) are numeric strings. */
export const graphId = () => digits(16);
export const fbtraceId = () => randomBytes(9).toString('base64url');
export const secretToken = () => hex(16);
/** The simulator's id for an email in a customer's inbox. */
export const mailId = () => `mail_${hex(8)}`;
