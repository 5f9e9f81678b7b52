export * from './server-process';
export * from './clients';
export * from './databases';
export * from './provider-fake';
export * from './channel-fixture';
export * from './smtp-relay';
export * from './workflow-receiver';
export * from './supervisor-client';
