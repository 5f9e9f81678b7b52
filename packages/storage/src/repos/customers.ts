import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { CustomersTable } from '../schema';
import type { Executor } from './executor';

export interface CustomerRecord {
  id: string;
  channel: string;
  /** The provider's id for the customer: PSID, phone number, e-mail address, web chat visitor id. */
  externalId: string;
  name: string;
  email: string | null;
  phone: string | null;
  createdAt: number;
}

export interface CustomerInput {
  channel: string;
  externalId: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  /** Used only when the customer is new (default: a random UUID). */
  id?: string;
  /** Used only when the customer is new (default: now). */
  createdAt?: number;
}

function toRecord(row: Selectable<CustomersTable>): CustomerRecord {
  return {
    id: row.id,
    channel: row.channel,
    externalId: row.external_id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    createdAt: row.created_at,
  };
}

/** Inserts the customer unless (channel, externalId) exists; returns the stored row either way. */
export async function upsertCustomer(ex: Executor, input: CustomerInput): Promise<CustomerRecord> {
  const inserted = await ex
    .insertInto('customers')
    .values({
      id: input.id ?? randomUUID(),
      channel: input.channel,
      external_id: input.externalId,
      name: input.name,
      email: input.email ?? null,
      phone: input.phone ?? null,
      created_at: input.createdAt ?? Date.now(),
    })
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  // A new customer comes back from the insert itself; only a known one costs a second statement.
  if (inserted) return toRecord(inserted);
  const row = await ex
    .selectFrom('customers')
    .selectAll()
    .where('channel', '=', input.channel)
    .where('external_id', '=', input.externalId)
    .executeTakeFirstOrThrow();
  return toRecord(row);
}

export async function getCustomer(ex: Executor, id: string): Promise<CustomerRecord | null> {
  const row = await ex.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Row → record, for queries other repositories build over this table. */
export const customerFromRow = toRecord;

/** The customer of `channel` known by any of `externalIds` (the first id wins when several match). */
export async function findCustomerByExternalIds(ex: Executor, channel: string, externalIds: readonly string[]): Promise<CustomerRecord | null> {
  if (externalIds.length === 0) return null;
  const rows = await ex.selectFrom('customers').selectAll().where('channel', '=', channel).where('external_id', 'in', [...externalIds]).execute();
  for (const id of externalIds) {
    const row = rows.find((r) => r.external_id === id);
    if (row) return toRecord(row);
  }
  return null;
}

export async function renameCustomer(ex: Executor, id: string, name: string): Promise<void> {
  await ex.updateTable('customers').set({ name }).where('id', '=', id).execute();
}

/**
 * The provider says the customer's id changed (WhatsApp: a new phone number). Later traffic from the
 * new id is the same customer; null when the old id is unknown or the new one is taken.
 */
export async function changeCustomerExternalId(ex: Executor, channel: string, from: string, to: string, phone: string | null): Promise<CustomerRecord | null> {
  const taken = await ex.selectFrom('customers').select('id').where('channel', '=', channel).where('external_id', '=', to).executeTakeFirst();
  if (taken) return null;
  const res = await ex
    .updateTable('customers')
    .set(phone ? { external_id: to, phone } : { external_id: to })
    .where('channel', '=', channel)
    .where('external_id', '=', from)
    .executeTakeFirst();
  if (res.numUpdatedRows === 0n) return null;
  const row = await ex.selectFrom('customers').selectAll().where('channel', '=', channel).where('external_id', '=', to).executeTakeFirst();
  return row ? toRecord(row) : null;
}
