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
  await ex
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
    .execute();
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
