/** The channel-neutral layer every provider folder builds on (see packages/channels/README.md). */
export * from './dedupe';
export * from './event-shape';
export * from './http';
export * from './inbound-events';
export * from './outbound';
export { renderContent } from './render';
export * from './text-length';
export type { UploadFile, UploadResult } from './upload';
