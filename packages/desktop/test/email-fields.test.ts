import { describe, expect, it } from 'vitest';
import {
  baseSubject,
  editField,
  editability,
  fieldsProblem,
  initialFields,
  parseAddressList,
  subjectFor,
  switchMode,
  type EmailMode,
  type FieldContext,
} from '../src/features/email/fields';

const ctx: FieldContext = {
  answered: {
    subject: 'Re: RE: Order 42',
    from: { address: 'jane@customer.com', name: 'Jane' },
    to: [{ address: 'support@shop.com' }, { address: 'bob@customer.com' }],
    cc: [{ address: 'SUPPORT@shop.com' }, { address: 'carol@customer.com' }, { address: 'jane@customer.com' }],
  },
  own: ['support@shop.com'],
  forwardedHtml: '<blockquote>latest</blockquote>',
};
const typed = (mode: EmailMode) => ({ ...initialFields(mode, ctx), body: '<p>hello</p>' });

describe('email field rules: opening each mode (SPEC F9)', () => {
  it('Reply: To = sender, Subject Re:, neither editable; Cc empty', () => {
    const f = initialFields('reply', ctx);
    expect(f).toMatchObject({ mode: 'reply', to: ['jane@customer.com'], cc: [], subject: 'Re: Order 42', body: '' });
    expect(editability('reply')).toEqual({ to: false, cc: true, subject: false });
  });
  it('Reply all: To = sender + other To minus us; Cc = original Cc minus our mailbox (and To), editable', () => {
    const f = initialFields('replyAll', ctx);
    expect(f.to).toEqual(['jane@customer.com', 'bob@customer.com']);
    expect(f.cc).toEqual(['carol@customer.com']);
    expect(f.subject).toBe('Re: Order 42');
    expect(editability('replyAll')).toEqual({ to: false, cc: true, subject: false });
  });
  it('Reply and Reply all go to the Reply-To addresses when the email has them (a web form, a shared inbox), as mail clients do', () => {
    const viaForm: FieldContext = { ...ctx, answered: { ...ctx.answered, from: { address: 'forms@site.example' }, replyTo: [{ address: 'jane@customer.com' }, { address: 'support@shop.com' }] } };
    expect(initialFields('reply', viaForm).to).toEqual(['jane@customer.com']);
    expect(initialFields('replyAll', viaForm)).toMatchObject({ to: ['jane@customer.com', 'bob@customer.com'], cc: ['carol@customer.com'] });
    expect(initialFields('reply', { ...viaForm, answered: { ...viaForm.answered, replyTo: [] } }).to).toEqual(['forms@site.example']);
  });

  it('Forward: Subject Fwd:, To and Cc empty and editable, the latest email loaded into the editor', () => {
    const f = initialFields('forward', ctx);
    expect(f).toMatchObject({ to: [], cc: [], subject: 'Fwd: Order 42', body: '<blockquote>latest</blockquote>' });
    expect(editability('forward')).toEqual({ to: true, cc: true, subject: true });
  });
});

describe('email field rules: switching keeps the body', () => {
  it('Reply → Reply all fills To and Cc', () => {
    const f = switchMode(typed('reply'), 'replyAll', ctx);
    expect(f).toMatchObject({ to: ['jane@customer.com', 'bob@customer.com'], cc: ['carol@customer.com'], body: '<p>hello</p>' });
  });
  it('Reply → Forward clears To and Cc; the latest email goes below what was typed', () => {
    const f = switchMode({ ...typed('reply'), cc: ['x@y.com'] }, 'forward', ctx);
    expect(f).toMatchObject({ to: [], cc: [], subject: 'Fwd: Order 42', body: '<p>hello</p><blockquote>latest</blockquote>' });
  });
  it('Reply all → Forward clears To and Cc', () => {
    const f = switchMode(typed('replyAll'), 'forward', ctx);
    expect(f).toMatchObject({ to: [], cc: [], body: '<p>hello</p><blockquote>latest</blockquote>' });
  });
  it('Reply all → Reply fills To and clears Cc', () => {
    const f = switchMode(typed('replyAll'), 'reply', ctx);
    expect(f).toMatchObject({ to: ['jane@customer.com'], cc: [], subject: 'Re: Order 42', body: '<p>hello</p>' });
  });
  it('Forward → Reply fills To; the Cc the agent typed stays', () => {
    const fwd = editField(editField(typed('forward'), 'to', 'z@z.com'), 'cc', 'k@k.com');
    const f = switchMode(fwd, 'reply', ctx);
    expect(f).toMatchObject({ to: ['jane@customer.com'], cc: ['k@k.com'], subject: 'Re: Order 42', body: '<p>hello</p>' });
  });
  it('Forward → Reply all fills To and Cc', () => {
    const f = switchMode(editField(typed('forward'), 'to', 'z@z.com'), 'replyAll', ctx);
    expect(f).toMatchObject({ to: ['jane@customer.com', 'bob@customer.com'], cc: ['carol@customer.com'], body: '<p>hello</p>' });
  });
  it('entering Forward twice loads the latest email once', () => {
    const once = switchMode(typed('reply'), 'forward', ctx);
    const twice = switchMode(switchMode(once, 'reply', ctx), 'forward', ctx);
    expect(twice.body).toBe('<p>hello</p><blockquote>latest</blockquote>');
  });
  it('switching to the same mode changes nothing', () => {
    const f = { ...typed('replyAll'), cc: ['a@b.co'] };
    expect(switchMode(f, 'replyAll', ctx)).toBe(f);
  });
});

describe('email field rules: edits and subjects', () => {
  it('read-only fields refuse edits; editable ones take a comma list without duplicates', () => {
    const r = typed('reply');
    expect(editField(r, 'to', 'evil@x.com')).toBe(r);
    expect(editField(r, 'subject', 'x')).toBe(r);
    expect(editField(r, 'cc', 'a@b.co, A@B.co; C <c@d.org>').cc).toEqual(['a@b.co', 'c@d.org']);
    const f = typed('forward');
    expect(editField(f, 'subject', 'New').subject).toBe('New');
    expect(editField(f, 'to', ['x@y.co']).to).toEqual(['x@y.co']);
  });
  it('Re:/Fwd: are not stacked', () => {
    expect(baseSubject('Re: Fwd: RE:  hi')).toBe('hi');
    expect(subjectFor('reply', 'Re: hi')).toBe('Re: hi');
    expect(subjectFor('forward', 'Fwd: Re: hi')).toBe('Fwd: hi');
    expect(subjectFor('reply', '回复：你好')).toBe('Re: 你好');
    expect(subjectFor('reply', 'Regarding')).toBe('Re: Regarding');
  });
  it('parses address lists and flags what stops a send', () => {
    expect(parseAddressList(' a@b.co ,, "B" <b@c.org>\n')).toEqual(['a@b.co', 'b@c.org']);
    expect(fieldsProblem(typed('forward'))).toBe('noRecipient');
    expect(fieldsProblem(editField(typed('forward'), 'to', 'nope'))).toBe('badAddress');
    expect(fieldsProblem(typed('reply'))).toBeNull();
  });
});
