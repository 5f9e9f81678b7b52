/**
 * The email composer's field rules (SPEC F9 §3) as a pure state machine over {mode, to, cc, subject, body}.
 *
 * - Reply: To (the sender, or its Reply-To addresses) and Subject filled, not editable; Cc empty (the Cc button may add some).
 * - Reply all: To (sender + the other To recipients) and Subject filled, not editable; Cc = original Cc
 *   minus our own mailbox, editable.
 * - Forward: Subject "Fwd: …" filled and editable; To and Cc editable and empty; the latest email is loaded
 *   into the editor BELOW what the agent already typed, once (switching away and back does not load it twice).
 * - Switching keeps the body. Reply→Forward / Reply all→Forward clear To and Cc; Reply all→Reply fills To
 *   and clears Cc; Forward→Reply fills To (the Cc the agent typed stays); Forward→Reply all and
 *   Reply→Reply all fill To and Cc.
 * - Re:/Fwd: are not stacked: any leading Re:/Fwd: prefixes are removed before adding one.
 */

export type EmailMode = 'reply' | 'replyAll' | 'forward';

export interface Mailbox {
  address: string;
  name?: string;
}

/** The email answered or forwarded. */
export interface AnsweredEmail {
  subject: string;
  from: Mailbox;
  to: Mailbox[];
  cc: Mailbox[];
  /** Reply-To: where the sender asked replies to go instead of `from`. */
  replyTo?: Mailbox[];
}

export interface EmailFields {
  mode: EmailMode;
  to: string[];
  cc: string[];
  subject: string;
  /** The editor's HTML. */
  body: string;
  /** The latest email was loaded into the body (Forward), so entering Forward again does not repeat it. */
  forwardLoaded: boolean;
}

export interface FieldContext {
  answered: AnsweredEmail;
  /** Our own mailbox addresses: never put in To/Cc of a reply all. */
  own: readonly string[];
  /** The latest email as HTML, loaded into the editor on Forward. */
  forwardedHtml: string;
}

export interface Editability {
  to: boolean;
  cc: boolean;
  subject: boolean;
}

export function editability(mode: EmailMode): Editability {
  if (mode === 'forward') return { to: true, cc: true, subject: true };
  return { to: false, cc: true, subject: false };
}

const PREFIX = /^\s*(?:re|fwd?|aw|wg|sv|vs|回复|答复|转发)\s*[:：]\s*/i;

/** The subject without any leading Re:/Fwd: (in any number). */
export function baseSubject(subject: string): string {
  let s = subject;
  for (let i = 0; i < 20 && PREFIX.test(s); i++) s = s.replace(PREFIX, '');
  return s.trim();
}

export function subjectFor(mode: EmailMode, original: string): string {
  const base = baseSubject(original);
  return `${mode === 'forward' ? 'Fwd' : 'Re'}: ${base}`;
}

const key = (a: string) => a.trim().toLowerCase();

/** Addresses in order, without duplicates (case-insensitive) and without the excluded ones. */
export function uniqueAddresses(list: readonly string[], exclude: readonly string[] = []): string[] {
  const seen = new Set(exclude.map(key));
  const out: string[] = [];
  for (const a of list) {
    const k = key(a);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push(a.trim());
  }
  return out;
}

/** Who a reply goes to, as mail clients do (RFC 5322 §3.6.2): the Reply-To addresses when given, else the sender. */
function replyTo(ctx: FieldContext): string[] {
  const asked = uniqueAddresses((ctx.answered.replyTo ?? []).map((m) => m.address), ctx.own);
  return asked.length ? asked : [ctx.answered.from.address];
}

function replyAllTo(ctx: FieldContext): string[] {
  const first = replyTo(ctx);
  return [...first, ...uniqueAddresses(ctx.answered.to.map((m) => m.address), [...ctx.own, ...first])];
}

function replyAllCc(ctx: FieldContext, to: readonly string[]): string[] {
  return uniqueAddresses(ctx.answered.cc.map((m) => m.address), [...ctx.own, ...to]);
}

function withForwarded(body: string, ctx: FieldContext): string {
  return body.trim() ? `${body}${ctx.forwardedHtml}` : ctx.forwardedHtml;
}

/** The fields when the composer opens in `mode`. */
export function initialFields(mode: EmailMode, ctx: FieldContext): EmailFields {
  return switchMode({ mode: 'reply', to: [], cc: [], subject: '', body: '', forwardLoaded: false }, mode, ctx, true);
}

/** Switch to `mode`, keeping the body (SPEC F9 field rules). */
export function switchMode(state: EmailFields, mode: EmailMode, ctx: FieldContext, opening = false): EmailFields {
  if (!opening && state.mode === mode) return state;
  const subject = subjectFor(mode, ctx.answered.subject);
  if (mode === 'reply') {
    // From Reply all the Cc is cleared; from Forward the agent's own Cc stays.
    const cc = state.mode === 'forward' && !opening ? state.cc : [];
    return { ...state, mode, to: replyTo(ctx), cc, subject };
  }
  if (mode === 'replyAll') {
    const to = replyAllTo(ctx);
    return { ...state, mode, to, cc: replyAllCc(ctx, to), subject };
  }
  const body = state.forwardLoaded ? state.body : withForwarded(state.body, ctx);
  return { ...state, mode, to: [], cc: [], subject, body, forwardLoaded: true };
}

/** An edit of To/Cc/Subject, refused where the mode makes the field read-only. */
export function editField(state: EmailFields, field: 'to' | 'cc' | 'subject', value: string | string[]): EmailFields {
  if (!editability(state.mode)[field]) return state;
  if (field === 'subject') return { ...state, subject: String(value) };
  const list = Array.isArray(value) ? value : parseAddressList(value);
  return { ...state, [field]: uniqueAddresses(list) };
}

/** "a@x.com, B <b@y.org>; c@z" → the addresses. */
export function parseAddressList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((part) => {
      const angle = /<([^>]+)>/.exec(part);
      return (angle?.[1] ?? part).trim();
    })
    .filter((a) => a.length > 0);
}

/** A plausible address (the server validates for real). */
export function isAddress(a: string): boolean {
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(a) && a.length <= 320;
}

/** What stops a send, or null. */
export function fieldsProblem(state: EmailFields): 'noRecipient' | 'badAddress' | null {
  if (state.to.length === 0) return 'noRecipient';
  if (![...state.to, ...state.cc].every(isAddress)) return 'badAddress';
  return null;
}
