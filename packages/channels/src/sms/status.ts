import type { DeliveryStatus } from '../pipeline/inbound-events';

/**
 * Twilio `MessageStatus` → our delivery status (wire-formats §3.4). The initial states are `pending`;
 * `undelivered`, `failed` and `canceled` are terminal failures. `received`/`receiving` belong to
 * inbound messages and are not receipts.
 */
export const TWILIO_STATUS: Record<string, DeliveryStatus> = {
  accepted: 'pending',
  scheduled: 'pending',
  queued: 'pending',
  sending: 'pending',
  sent: 'sent',
  partially_delivered: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

/** Titles for the delivery error codes worth showing an agent (Twilio error dictionary). */
export const TWILIO_ERROR_TITLES: Record<string, string> = {
  '21610': 'Recipient opted out (STOP)',
  '21211': 'Invalid phone number',
  '21614': 'Not a mobile number',
  '30001': 'Queue overflow',
  '30002': 'Account suspended',
  '30003': 'Unreachable destination handset',
  '30004': 'Message blocked',
  '30005': 'Unknown destination handset',
  '30006': 'Landline or unreachable carrier',
  '30007': 'Message filtered by the carrier',
  '30008': 'Unknown error',
  '30032': 'Toll-free number not verified',
  '30034': 'Unregistered 10DLC number',
  '63016': 'Outside the WhatsApp 24-hour window (template required)',
};
