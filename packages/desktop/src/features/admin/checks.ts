import type { Translate } from '../i18n/i18n';
import type { Errors } from './fields';

/** The ids the server accepts (config-file pattern). */
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Field checks shared by the forms: each returns the message to show, or nothing. */
export function idProblem(t: Translate, id: string, existing: { id: string }[], isNew: boolean): string | undefined {
  if (!id.trim()) return t('admin.err.required');
  if (!ID.test(id)) return t('admin.err.id');
  if (isNew && existing.some((x) => x.id === id)) return t('admin.err.idTaken');
  return undefined;
}

export function required(t: Translate, v: string): string | undefined {
  return v.trim() ? undefined : t('admin.err.required');
}

/** An optional number in a range; `integer` refuses fractions. */
export function numberProblem(t: Translate, text: string, o: { min: number; max?: number; integer?: boolean; exclusiveMin?: boolean; required?: boolean }): string | undefined {
  if (!text.trim()) return o.required ? t('admin.err.required') : undefined;
  const n = Number(text);
  const low = o.exclusiveMin ? n <= o.min : n < o.min;
  if (!Number.isFinite(n) || low || (o.max !== undefined && n > o.max) || (o.integer && !Number.isInteger(n))) {
    return o.max === undefined
      ? t(o.exclusiveMin ? 'admin.err.positive' : 'admin.err.atLeast', { min: o.min })
      : t(o.integer ? 'admin.err.intRange' : o.exclusiveMin ? 'admin.err.rangeAbove' : 'admin.err.range', { min: o.min, max: o.max });
  }
  return undefined;
}

export const toNumber = (text: string): number | undefined => (text.trim() ? Number(text) : undefined);
export const numberText = (n: number | undefined): string => (n === undefined ? '' : String(n));

/** Only the checks that found something. */
export function errorsOf(entries: Record<string, string | undefined>): Errors {
  return Object.fromEntries(Object.entries(entries).filter((e): e is [string, string] => e[1] !== undefined));
}
