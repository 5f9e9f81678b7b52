import type { CustomerRef } from '@parley/channels';
import * as store from '@parley/storage';
import type { CustomerRecord } from '@parley/storage';
import type { AppCore } from '../core';

/** A readable name for a customer the provider gave no name for: their number, else their id. */
function displayName(ref: CustomerRef): string {
  return ref.name ?? ref.username ?? (ref.phone ? formatPhone(ref.phone) : ref.externalId);
}

function formatPhone(phone: string): string {
  return phone.startsWith('+') || !/^\d+$/.test(phone) ? phone : `+${phone}`;
}

/**
 * The customer of `ref` on `channel`: found by their id or any other id the provider gave for the same
 * person (WhatsApp's wa_id and BSUID), else created, named by `lookupName` when the webhook gives no
 * name (Messenger). A provider name fills a name we only had as a number.
 */
export async function customerFor(
  core: AppCore,
  channel: string,
  ref: CustomerRef,
  now: number,
  lookupName?: () => Promise<string | undefined>,
): Promise<CustomerRecord> {
  const ids = [ref.externalId, ...(ref.altIds ?? []).map((a) => a.id)];
  const found = await store.findCustomerByExternalIds(core.deps.db.kysely, channel, ids);
  if (found) {
    if (ref.name && found.name !== ref.name && (found.name === found.externalId || found.name === formatPhone(found.externalId))) {
      await core.deps.committer.run((trx) => store.renameCustomer(trx, found.id, ref.name!));
      return { ...found, name: ref.name };
    }
    return found;
  }
  const phone = ref.phone ? formatPhone(ref.phone) : null;
  const name = (!ref.name && (await lookupName?.())) || displayName(ref);
  return core.deps.committer.run((trx) => store.upsertCustomer(trx, { channel, externalId: ref.externalId, name, phone, createdAt: now }));
}
