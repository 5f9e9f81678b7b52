/**
 * The reply to an inbound-message webhook (§3.6): an empty TwiML document, status 200, `text/xml`.
 * Agents answer later through the REST API, so Twilio must not send anything itself.
 */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
export const TWIML_CONTENT_TYPE = 'text/xml';

export function emptyTwimlReply(): { status: 200; contentType: string; body: string } {
  return { status: 200, contentType: TWIML_CONTENT_TYPE, body: EMPTY_TWIML };
}
