export * from './domain/clock';
export * from './domain/errors';
export * from './domain/model';
export * from './routing/engine';
export * from './routing/longest-available';
export * from './limits/token-buckets';
export * from './delivery/retry';
export * from './delivery/receipts';
