/** Event numbering from durably reserved blocks: unique, in call order, and waiting only when a block is due. */
import { expect, it } from 'vitest';
import type { ReservedBlock } from '@parley/storage';
import { SeqBlocks } from '../src/app/seq-blocks';

/** A counter like the database's, whose reservations resolve when the test says so. */
function counter(start = 0) {
  let high = start;
  const pending: (() => void)[] = [];
  const reserve = (size: number) =>
    new Promise<ReservedBlock>((resolve) => {
      pending.push(() => {
        high += size;
        resolve({ first: high - size + 1, last: high, epoch: 'e1' });
      });
    });
  const grant = async () => {
    while (pending.length) pending.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { reserve, grant, high: () => high };
}

it('starts above everything reserved before and numbers in call order across blocks', async () => {
  const c = counter(40);
  const seqs = new SeqBlocks(c.reserve, 4);
  const started = seqs.start();
  await c.grant();
  await started;
  expect(seqs.head).toBe(40);
  const order: number[][] = [];
  const runs = [1, 2, 3, 2].map((n) => seqs.run(n, (s) => order.push(s)));
  await c.grant();
  await c.grant();
  await Promise.all(runs);
  expect(order).toEqual([[41], [42, 43], [44, 45, 46], [47, 48]]);
  expect(seqs.head).toBe(48);
  expect(c.high()).toBeGreaterThanOrEqual(48);
});

it('serves a batch bigger than a block, and fails waiting callers when a reservation fails', async () => {
  let fail = false;
  let high = 0;
  const seqs = new SeqBlocks(async (size) => {
    if (fail) throw new Error('db down');
    high += size;
    return { first: high - size + 1, last: high, epoch: 'e' };
  }, 2);
  await seqs.start();
  const big = await seqs.run(5, (s) => s);
  expect(big).toHaveLength(5);
  expect(new Set(big).size).toBe(5);
  fail = true;
  await seqs.run(1, (s) => s).catch(() => undefined); // may still fit the current block
  await expect(seqs.run(50, (s) => s)).rejects.toThrow('db down');
  fail = false;
  const after = await seqs.run(1, (s) => s);
  expect(after[0]!).toBeGreaterThan(Math.max(...big));
});
