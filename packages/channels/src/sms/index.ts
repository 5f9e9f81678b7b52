/** Twilio-compatible SMS/MMS: signature, webhook parsing, Messages.json planning, TwiML reply. */
export * from './limits';
export { parseSmsWebhook } from './parse';
export * from './send';
export * from './signature';
export { TWILIO_ERROR_TITLES, TWILIO_STATUS } from './status';
export * from './twiml';
