import { randomUUID } from 'node:crypto';
import type { CustomerRef } from '@parley/channels';
import * as store from '@parley/storage';
import type { CustomerRecord, Executor } from '@parley/storage';
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
 * person (WhatsApp's wa_id and BSUID), else a new one (`created`), not yet stored: `storeNewCustomer`
 * writes it in the transaction that opens their first conversation. A provider name fills a name we
 * only had as a number.
 */
export async function customerFor(core: AppCore, channel: string, ref: CustomerRef, now: number): Promise<{ customer: CustomerRecord; created: boolean }> {
  const ids = [ref.externalId, ...(ref.altIds ?? []).map((a) => a.id)];
  const found = await store.findCustomerByExternalIds(core.deps.db.kysely, channel, ids);
  if (found) {
    if (ref.name && found.name !== ref.name && (found.name === found.externalId || found.name === formatPhone(found.externalId))) {
      await core.deps.committer.run((trx) => store.renameCustomer(trx, found.id, ref.name!));
      return { customer: { ...found, name: ref.name }, created: false };
    }
    return { customer: found, created: false };
  }
  const phone = ref.phone ? formatPhone(ref.phone) : null;
  return { customer: { id: randomUUID(), channel, externalId: ref.externalId, name: displayName(ref), email: null, phone, createdAt: now }, created: true };
}

/**
 * Stores a customer `customerFor` made up. Another node may have stored the same person meanwhile
 * (this node serializes each customer's events): then the transaction fails, the provider gets a
 * 5xx and its retry finds the stored customer.
 */
export async function storeNewCustomer(trx: Executor, c: CustomerRecord): Promise<void> {
  const stored = await store.upsertCustomer(trx, { ...c, id: c.id });
  if (stored.id !== c.id) throw new Error(`customer ${c.channel}/${c.externalId} was stored concurrently: the provider will retry`);
}
