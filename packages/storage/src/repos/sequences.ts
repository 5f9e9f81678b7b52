/**
 * Durable number blocks. A node reserves a block by advancing the counter row in a committed
 * transaction, and only then hands its numbers out; after a crash or restart it reserves beyond
 * everything ever reserved. Gaps are possible, reuse is not. Several nodes may each hold a block.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from './executor';

export interface ReservedBlock {
  /** First and last number of the block (inclusive). */
  first: number;
  last: number;
  /** Names this stream: it changes when the counter is created afresh (a new or emptied database). */
  epoch: string;
}

/** Reserves `size` numbers of sequence `name`. Run it in its own transaction and commit before use. */
export async function reserveBlock(ex: Executor, name: string, size: number): Promise<ReservedBlock> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`block size must be a positive integer, got ${size}`);
  const row = await ex
    .updateTable('sequences')
    .set({ high: sql<number>`high + ${size}` })
    .where('name', '=', name)
    .returning(['high', 'epoch'])
    .executeTakeFirst();
  if (row) {
    const last = Number(row.high);
    return { first: last - size + 1, last, epoch: row.epoch };
  }
  // No counter yet (an emptied database): start above whatever events are stored.
  const max = await ex.selectFrom('events').select(sql<number | string | null>`max(seq)`.as('seq')).executeTakeFirst();
  const first = Number(max?.seq ?? 0) + 1;
  const epoch = randomBytes(9).toString('base64url');
  await ex.insertInto('sequences').values({ name, high: first + size - 1, epoch }).execute();
  return { first, last: first + size - 1, epoch };
}

/** The highest number reserved so far (0 when none). */
export async function reservedHigh(ex: Executor, name: string): Promise<number> {
  const row = await ex.selectFrom('sequences').select('high').where('name', '=', name).executeTakeFirst();
  return row ? Number(row.high) : 0;
}
