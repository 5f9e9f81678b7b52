/**
 * The pure provider layer (WhatsApp, Messenger, SMS) in one import.
 */
export * from './messenger';
export * from './meta';
export * from './pipeline';
export * from './sms';
export * from './whatsapp';
