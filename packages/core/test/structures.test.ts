import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickLongestAvailable } from '../src/index';
import { DeadlineHeap } from '../src/routing/deadline-heap';
import type { Deadline } from '../src/routing/deadline-heap';
import { WaitingLine } from '../src/routing/waiting-line';

const ids = (l: WaitingLine, n = 100) => l.head(n).map((x) => x.id);

describe('WaitingLine', () => {
  it('keeps arrival order and reads the head', () => {
    const l = new WaitingLine();
    l.append('a', 1);
    l.append('b', 2);
    l.append('c', 3);
    expect(l.size).toBe(3);
    expect(l.head(2)).toEqual([
      { id: 'a', queuedAt: 1 },
      { id: 'b', queuedAt: 2 },
    ]);
    expect(ids(l)).toEqual(['a', 'b', 'c']);
    expect(l.head(0)).toEqual([]);
  });

  it('restores a returning conversation at the place its queuedAt earns', () => {
    const l = new WaitingLine();
    for (const [id, t] of [['a', 10], ['b', 20], ['c', 30], ['d', 40], ['e', 50]] as const) l.append(id, t);
    l.remove('b');
    l.remove('d');
    l.remove('a');
    expect(ids(l)).toEqual(['c', 'e']);
    l.restore('d', 40);
    l.restore('a', 10);
    l.restore('b', 20);
    expect(ids(l)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(l.has('d')).toBe(true);
    l.append('f', 60);
    l.restore('z', 70); // newer than everything: the back
    expect(ids(l)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'z']);
    expect(l.head(3).map((x) => x.queuedAt)).toEqual([10, 20, 30]);
  });

  it('puts a return ahead of arrivals from the same millisecond', () => {
    const l = new WaitingLine();
    l.append('a', 5);
    l.append('b', 5);
    l.remove('a');
    l.restore('a', 5);
    expect(ids(l)).toEqual(['a', 'b']);
  });

  it('removes from either part and ignores unknown ids', () => {
    const l = new WaitingLine();
    l.append('a', 1);
    l.append('b', 5);
    l.restore('r', 3);
    l.remove('nope');
    expect(ids(l)).toEqual(['a', 'r', 'b']);
    l.remove('r');
    expect(l.has('r')).toBe(false);
    expect(ids(l)).toEqual(['a', 'b']);
    l.remove('a');
    l.remove('b');
    expect(l.size).toBe(0);
    expect(l.head(5)).toEqual([]);
    // An empty line still orders returns against later arrivals.
    l.restore('old', 2);
    l.append('new', 9);
    expect(ids(l)).toEqual(['old', 'new']);
  });

  it('matches a sorted model under random appends, removes and restores', () => {
    type Op = { op: 'append' } | { op: 'remove'; k: number } | { op: 'restore'; k: number } | { op: 'head'; n: number };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.constant<Op>({ op: 'append' }),
      fc.record({ op: fc.constant('remove' as const), k: fc.nat(50) }),
      fc.record({ op: fc.constant('restore' as const), k: fc.nat(50) }),
      fc.record({ op: fc.constant('head' as const), n: fc.nat(8) }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const l = new WaitingLine();
        const inLine = new Map<string, number>();
        const out = new Map<string, number>();
        let t = 0;
        let n = 0;
        for (const o of ops) {
          if (o.op === 'append') {
            t += 1;
            const id = `c${n++}`;
            l.append(id, t);
            inLine.set(id, t);
          } else if (o.op === 'remove' && inLine.size > 0) {
            const id = [...inLine.keys()][o.k % inLine.size]!;
            l.remove(id);
            out.set(id, inLine.get(id)!);
            inLine.delete(id);
          } else if (o.op === 'restore' && out.size > 0) {
            const id = [...out.keys()][o.k % out.size]!;
            l.restore(id, out.get(id)!);
            inLine.set(id, out.get(id)!);
            out.delete(id);
          }
          const expected = [...inLine].sort((a, b) => a[1] - b[1]).map(([id, queuedAt]) => ({ id, queuedAt }));
          expect(l.size).toBe(expected.length);
          const lim = o.op === 'head' ? o.n : 1000;
          expect(l.head(lim)).toEqual(expected.slice(0, lim));
          for (const id of out.keys()) expect(l.has(id)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('DeadlineHeap', () => {
  it('breaks ties of the same millisecond by conversation id, then kind, whatever the push order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(['c3', 'c1', 'c2', 'c4'], { minLength: 4, maxLength: 4 }), (ids) => {
        const h = new DeadlineHeap();
        for (const id of ids) {
          h.push({ at: 5, conversationId: id, kind: 'offer' });
          h.push({ at: 5, conversationId: id, kind: 'max-wait' });
        }
        const out: string[] = [];
        for (let d = h.pop(); d; d = h.pop()) out.push(`${d.conversationId}/${d.kind}`);
        expect(out).toEqual(['c1', 'c2', 'c3', 'c4'].flatMap((c) => [`${c}/max-wait`, `${c}/offer`]));
      }),
    );
  });

  it('pops random pushes in deadline order, also when interleaved', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(-1)), { maxLength: 100 }), (ops) => {
        const h = new DeadlineHeap();
        const model: number[] = [];
        let i = 0;
        for (const at of ops) {
          if (at >= 0) {
            h.push({ at, conversationId: `c${i++}`, kind: i % 2 ? 'offer' : 'max-wait' });
            model.push(at);
            model.sort((a, b) => a - b);
          } else {
            expect(h.pop()?.at).toBe(model.shift());
          }
          expect(h.size).toBe(model.length);
          expect(h.peek()?.at).toBe(model[0]);
        }
        const drained: Deadline[] = [];
        for (let d = h.pop(); d; d = h.pop()) drained.push(d);
        expect(drained.map((d) => d.at)).toEqual(model);
        expect(h.size).toBe(0);
        expect(h.pop()).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('keeps each entry intact', () => {
    const h = new DeadlineHeap();
    h.push({ at: 5, conversationId: 'b', kind: 'max-wait' });
    h.push({ at: 1, conversationId: 'a', kind: 'offer' });
    expect(h.pop()).toEqual({ at: 1, conversationId: 'a', kind: 'offer' });
    expect(h.pop()).toEqual({ at: 5, conversationId: 'b', kind: 'max-wait' });
  });
});

describe('pickLongestAvailable', () => {
  it('takes the oldest readySince among eligible members, ties to the smaller id', () => {
    const since: Record<string, number | undefined> = { b: 5, a: 5, c: 3, d: undefined };
    expect(pickLongestAvailable(['b', 'a', 'c', 'd'], (id) => since[id])).toBe('c');
    expect(pickLongestAvailable(['b', 'a', 'd'], (id) => since[id])).toBe('a');
    expect(pickLongestAvailable(['a', 'b'], (id) => since[id])).toBe('a');
    expect(pickLongestAvailable(['d'], (id) => since[id])).toBeUndefined();
    expect(pickLongestAvailable([], () => 0)).toBeUndefined();
  });

  it('agrees with sorting by (readySince, id)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 3 }), { maxLength: 8 }), fc.array(fc.option(fc.nat(5))), (members, times) => {
        const f = (id: string) => times[members.indexOf(id)] ?? undefined;
        const eligible = members.filter((id) => f(id) !== undefined);
        eligible.sort((a, b) => f(a)! - f(b)! || (a < b ? -1 : a > b ? 1 : 0));
        expect(pickLongestAvailable(members, f)).toBe(eligible[0]);
      }),
    );
  });
});
