export * from './contract';
export * from './registry';
export * from './webchat/customer-hub';
