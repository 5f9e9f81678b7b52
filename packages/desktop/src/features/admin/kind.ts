import type { ComponentType } from 'react';
import type { Lang, Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import type { KindId } from './admin-api';
import type { AdminLists } from './admin-data';
import type { Errors } from './fields';

/** What a kind's form and checks know besides the draft: every list (for choices and uniqueness), create or edit. */
export interface FormCtx {
  lists: AdminLists;
  isNew: boolean;
  /** The entity as loaded (null on create): e.g. which secrets are already set. */
  original: unknown;
  t: Translate;
  lang: Lang;
}

export interface FormProps<D> {
  draft: D;
  set: (patch: Partial<D>) => void;
  errors: Errors;
  ctx: FormCtx;
}

export interface Column<I> {
  header: MessageKey;
  cell: (item: I, ctx: { t: Translate; lists: AdminLists }) => string;
}

/**
 * One kind of configuration in the admin area: its list's columns, and its form as a draft (what the
 * inputs hold, numbers as typed text) converted from GET's shape and back to the PUT body.
 */
export interface KindSpec<I extends { id: string } = { id: string }, D extends { id: string } = { id: string }> {
  id: KindId;
  /** Plural: the navigation link and the list's caption. */
  label: MessageKey;
  /** "New queue". */
  newLabel: MessageKey;
  /** "Queue {id}". */
  editLabel: MessageKey;
  columns: Column<I>[];
  toDraft: (item: I | null) => D;
  validate: (d: D, ctx: FormCtx) => Errors;
  toBody: (d: D, ctx: FormCtx) => unknown;
  Form: ComponentType<FormProps<D>>;
}

/** Erases a spec's types for the registry (each spec is checked where it is written). */
export const kind = <I extends { id: string }, D extends { id: string }>(s: KindSpec<I, D>) => s as unknown as KindSpec;
