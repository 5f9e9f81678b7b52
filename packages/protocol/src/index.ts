export * from './domain';
export * from './content';
export * from './errors';
export * from './events';
export * from './webchat';
export * from './channel-rules';
export * from './text';
export * from './sms-segments';
export * from './reply-window';
export * from './media-limits';
// Types only: the schemas (TypeBox) are for the server, via '@parley/protocol/api'; browser bundles stay free of them.
export type * from './supervisor';
export type * from './history';
export type * from './supervisor-live';
export * from './workflows';
export * from './templates';
export * from './formatting';
export type * from './audit';
