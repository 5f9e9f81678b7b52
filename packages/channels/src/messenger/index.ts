/** Facebook Messenger (and Instagram messaging): pure webhook parsing, Send API planning, profiles. */
export type { MessengerConfig } from './config';
export * from './limits';
export { parseMessengerWebhook } from './parse';
export * from './profile';
export * from './send';
export * from './upload';
