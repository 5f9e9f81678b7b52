export * from './domain';
export * from './errors';
export * from './events';
export * from './webchat';
export * from './channel-rules';
export * from './text';
export * from './sms-segments';
