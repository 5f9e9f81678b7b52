/** WhatsApp Business Cloud API: pure webhook parsing, send planning, media download requests. */
export type { WhatsAppConfig } from './config';
export * from './limits';
export * from './media';
export { parseWhatsAppWebhook } from './parse';
export * from './send';
export * from './upload';
