/**
 * The pure provider layer (WhatsApp, Messenger, SMS) in one import. Not yet re-exported from the
 * package index: the server pipeline that uses it adds `export * from './providers'` there.
 */
export * from './messenger';
export * from './meta';
export * from './pipeline';
export * from './sms';
export * from './whatsapp';
