export * from './server-process';
