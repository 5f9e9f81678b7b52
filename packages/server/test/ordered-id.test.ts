import { describe, expect, it } from 'vitest';
import { orderedId } from '../src/app/ordered-id';

describe('orderedId', () => {
  it('is a UUIDv7: version 7, RFC variant, the time in its first 48 bits', () => {
    const id = orderedId(0x0192_3456_789a);
    expect(id).toMatch(/^01923456-789a-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts by creation time across milliseconds, and never repeats', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => orderedId(1_700_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 5000 }, () => orderedId(1)))).toHaveProperty('size', 5000);
  });

  it('sorts in the order made within one millisecond too, carrying into the next when the counter fills', () => {
    const ids = Array.from({ length: 5000 }, () => orderedId(1_800_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    // A clock that steps back does not make an id sort before the ones already made.
    const later = orderedId(1_700_000_000_000);
    expect(later > ids.at(-1)!).toBe(true);
  });
});
