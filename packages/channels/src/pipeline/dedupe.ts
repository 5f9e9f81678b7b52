import type { InboundEvent } from './inbound-events';

/**
 * The key under which the pipeline stores an inbound event once (wire-formats §5): provider message ids
 * for messages and echoes, (id, status) for receipts, the watermark for Messenger receipts. Errors and
 * notices have none: they are logged, not deduplicated. Keys are unique per provider, not globally.
 */
export function dedupeKey(event: InboundEvent): string | null {
  switch (event.type) {
    case 'message':
      return `message:${event.providerMessageId}`;
    case 'echo':
      return `echo:${event.providerMessageId}`;
    case 'status':
      return `status:${event.providerMessageId}:${event.providerStatus}`;
    case 'watermark':
      return `watermark:${event.entryPointKey}:${event.customerExternalId}:${event.status}:${event.watermark}`;
    case 'reaction':
      return event.providerMessageId
        ? `reaction:${event.providerMessageId}`
        : `reaction:${event.targetProviderId}:${event.customerExternalId}:${event.emoji ?? ''}:${event.at ?? ''}`;
    case 'identity_changed':
      return `identity:${event.providerMessageId}`;
    case 'error':
    case 'notice':
      return null;
  }
}
