export * from './server-process';
export * from './clients';
export * from './databases';
