import type { ChannelAdapter } from '@parley/channels';
import type { EntryPointRecord } from '@parley/storage';
import type { AppCore } from '../core';
import { providerContext } from '../channels/provider-context';

/** The webhook waits on this lookup before its 2xx: a provider that hangs may hold it this long, no more. */
const LOOKUP_TIMEOUT_MS = 3_000;

/**
 * The provider's name for a customer it names only by id (Messenger's profile), asked when they first
 * write so the offer shows a name. Any failure leaves the name to the id: the message goes on.
 */
export async function lookupCustomerName(core: AppCore, adapter: ChannelAdapter, ep: EntryPointRecord, externalId: string): Promise<string | undefined> {
  if (!adapter.lookupCustomerName) return undefined;
  const ctx = providerContext(core, ep.id, AbortSignal.timeout(LOOKUP_TIMEOUT_MS));
  if ('ok' in ctx) return undefined;
  try {
    return await adapter.lookupCustomerName(externalId, ctx);
  } catch {
    return undefined;
  }
}
