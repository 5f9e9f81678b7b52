/** One field an audit entry changed, its values shown as text ('' for absent). */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const show = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * The top-level fields that differ between an entity before and after a change (all of them on a
 * create or a delete), in the order they appear; nested values are compared and shown as JSON.
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const b = asObject(before);
  const a = asObject(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => ({ field, before: show(b[field]), after: show(a[field]) })).filter((c) => c.before !== c.after);
}

function asObject(v: unknown): Record<string, unknown> {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  return v === undefined || v === null ? {} : { value: v };
}
