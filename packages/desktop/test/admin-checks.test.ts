/** The admin area's pure pieces: the audit diff, the number checks, business-hours checks, each kind's body. */
import { describe, expect, it } from 'vitest';
import { translator } from '../src/features/i18n/translate';
import { changedFields } from '../src/features/admin/audit-diff';
import { numberProblem } from '../src/features/admin/checks';
import { hoursProblems } from '../src/features/admin/kinds/hours';
import { agents } from '../src/features/admin/kinds/agents';
import { queues } from '../src/features/admin/kinds/queues';
import type { AdminLists } from '../src/features/admin/admin-data';
import type { FormCtx } from '../src/features/admin/kind';

const t = translator('en');
const lists = { agents: [], teams: [], queues: [], 'entry-points': [], 'idle-reasons': [], 'wrapup-reasons': [], templates: [], workflows: [], channelSettings: [] } as AdminLists;
const ctx = (isNew: boolean, original: unknown = null): FormCtx => ({ lists, isNew, original, t, lang: 'en' });

describe('audit diff', () => {
  it('lists only the fields that changed, nested values as JSON', () => {
    expect(changedFields({ id: 'q', name: 'A', agents: ['a1'] }, { id: 'q', name: 'B', agents: ['a1', 'a2'] })).toEqual([
      { field: 'name', before: 'A', after: 'B' },
      { field: 'agents', before: '["a1"]', after: '["a1","a2"]' },
    ]);
  });
  it('a create shows every field as new, a delete every field as gone', () => {
    expect(changedFields(null, { id: 't', name: 'T' })).toEqual([
      { field: 'id', before: '', after: 't' },
      { field: 'name', before: '', after: 'T' },
    ]);
    expect(changedFields({ id: 't' }, null)).toEqual([{ field: 'id', before: 't', after: '' }]);
  });
});

describe('field checks', () => {
  it('numbers: empty is fine unless required; bounds and whole numbers say so', () => {
    expect(numberProblem(t, '', { min: 0 })).toBeUndefined();
    expect(numberProblem(t, '0', { min: 0, max: 3600, exclusiveMin: true })).toBe('Enter a number greater than 0, at most 3600.');
    expect(numberProblem(t, '1.5', { min: 0, max: 100, integer: true })).toBe('Enter a whole number from 0 to 100.');
    expect(numberProblem(t, 'x', { min: 0, exclusiveMin: true })).toBe('Enter a number greater than 0.');
    expect(numberProblem(t, '12.5', { min: 0, max: 3600, exclusiveMin: true })).toBeUndefined();
  });
  it('business hours: times, order, dates and the message', () => {
    const ok = { timezone: 'Europe/Paris', open: [{ day: 'mon' as const, from: '09:00', to: '24:00' }], closedDates: ['2026-12-25'], closedMessage: 'Closed' };
    expect(hoursProblems(t, ok)).toEqual({});
    expect(
      hoursProblems(t, { timezone: 'Mars/Base', open: [{ day: 'mon', from: '9', to: '10:00' }, { day: 'tue', from: '18:00', to: '09:00' }], closedDates: ['25/12'], closedMessage: ' ' }),
    ).toEqual({
      'hours.timezone': 'Choose a time zone.',
      'hours.open.0': 'Times are HH:MM (00:00 to 24:00).',
      'hours.open.1': 'The end must be after the start.',
      'hours.closedDates.0': 'Dates are YYYY-MM-DD.',
      'hours.closedMessage': 'Write what customers are told out of hours.',
    });
  });
});

describe('forms round-trip the admin API shape', () => {
  it('a queue loads and saves the same shape; hours off sends none', () => {
    const q = { id: 'q1', name: 'Q', channel: 'webchat' as const, offerTimeoutSeconds: 12.5, maxWaitSeconds: 900, transferFallback: 'requeue' as const, reopenTo: 'queue' as const, agents: ['a1'], teams: [], hours: null };
    const body = queues.toBody(queues.toDraft(q), ctx(false, q));
    expect(body).toEqual({ id: 'q1', name: 'Q', channel: 'webchat', offerTimeoutSeconds: 12.5, maxWaitSeconds: 900, transferFallback: 'requeue', reopenTo: 'queue', agents: ['a1'], teams: [] });
  });
  it('an agent: the password only when typed; a new one needs it', () => {
    const a = { id: 'a1', username: 'u', displayName: 'U', role: 'agent' as const, teams: [], capacity: { webchat: 2 } };
    const draft = agents.toDraft(a) as { id: string; password: string };
    expect(agents.toBody(draft, ctx(false, a))).not.toHaveProperty('password');
    const typed: { id: string; password: string } = { ...draft, password: 'pw2' };
    expect(agents.toBody(typed, ctx(false, a))).toMatchObject({ password: 'pw2', capacity: { webchat: 2 } });
    expect(agents.validate(agents.toDraft(null), ctx(true))).toMatchObject({ password: 'A new agent needs a password.' });
  });
});
