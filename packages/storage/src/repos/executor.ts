import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema';

/** Repositories accept the database or a transaction, so callers choose the unit of work. */
export type Executor = Kysely<Database> | Transaction<Database>;

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJson(text: string): unknown {
  return JSON.parse(text);
}

export function fromJsonOrNull(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

/** JSON array of strings, as stored for id lists. */
export function stringArray(text: string): string[] {
  const value = fromJson(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
