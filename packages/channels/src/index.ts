export * from './contract';
export * from './registry';
export * from './webchat/customer-hub';
export { networkFailure, type SendFailure, type SendFailureCode, type SendResult } from './pipeline/outbound';
