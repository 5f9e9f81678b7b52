/**
 * Test support for the parsers' property tests: fast-check arbitraries that mutate a documented
 * fixture (replace or delete any node, anywhere) so fuzzing explores near-valid payloads, not only noise.
 */
import fc from 'fast-check';
import { eventProblems } from './event-shape';
import type { InboundEvent } from './inbound-events';

type Path = (string | number)[];

function paths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) for (const [i, x] of v.entries()) paths(x, [...at, i], out);
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  if (typeof root !== 'object' || root === null) return root;
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = node?.[key];
    if (typeof next !== 'object' || next === null) return root;
    node = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1] as string | number;
  if (value === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = value;
  return root;
}

/** Odd values providers and attackers send: wrong types, huge numbers, empty strings, deep nesting. */
export const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(undefined, null, '', 0, -1, 1e21, Number.MAX_SAFE_INTEGER + 2, '1749416383', 'NaN', true, [], {}),
);

/**
 * The fixture with 1–4 nodes replaced by odd values or deleted, as a parser receives it: through
 * JSON (a webhook body is parsed JSON, so no sparse arrays or `undefined` values — mutating an
 * array at a key it no longer has would otherwise make holes no provider can send).
 */
export function mutated(fixture: unknown): fc.Arbitrary<unknown> {
  const all = paths(fixture);
  return fc.array(fc.tuple(fc.nat(all.length - 1), oddValue), { minLength: 1, maxLength: 4 }).map((mutations) => {
    let copy: unknown = structuredClone(fixture);
    // Each value is copied: fast-check hands out the same `{}` / `[]` constants, which could nest into themselves.
    for (const [i, value] of mutations) copy = setAt(copy, all[i] ?? [], structuredClone(value));
    const json = JSON.stringify(copy);
    return json === undefined ? null : (JSON.parse(json) as unknown);
  });
}

/** Throws with the offending event when a parser result is not an array of well-formed events. */
export function assertWellFormed(events: unknown): void {
  if (!Array.isArray(events)) throw new Error('parser did not return an array');
  for (const e of events as InboundEvent[]) {
    const problems = eventProblems(e);
    if (problems.length) throw new Error(`${problems.join('; ')} in ${JSON.stringify(e)}`);
  }
}
