/**
 * Subject prefixes as mail clients write them in many languages: replies (Re, AW, SV, 回复 …) and
 * forwards (Fwd, WG, TR, 转发 …), with counters (`Re[2]:`, `RE(3):`) and full-width colons.
 */
const REPLY_WORDS = ['re', 'aw', 'antw', 'antwort', 'sv', 'vs', 'odp', 'ynt', 'res', 'ref', 'réf', 'rif', 'atb', 'vá', '回复', '回覆', '答复', '答覆', '返信'];
const FORWARD_WORDS = ['fwd', 'fw', 'wg', 'tr', 'rv', 'doorst', 'enc', 'vb', 'vl', 'pd', '转发', '轉寄', '轉發', '転送'];

const PREFIX = new RegExp(`^\\s*(${[...REPLY_WORDS, ...FORWARD_WORDS].map(escapeRegExp).join('|')})\\s*(?:\\[\\d+\\]|\\(\\d+\\))?\\s*[:：]\\s*`, 'iu');
const FORWARD = new Set(FORWARD_WORDS);

/** The subject without any leading reply/forward prefixes (`Re: Fwd: RE[2]: x` → `x`). */
export function baseSubject(subject: string): string {
  let rest = subject;
  for (let m = PREFIX.exec(rest); m; m = PREFIX.exec(rest)) rest = rest.slice(m[0].length);
  return rest.trim();
}

/** True when the outermost prefix is a forward (`Fwd: Re: x`); `Re: Fwd: x` is a reply. */
export function hasForwardPrefix(subject: string): boolean {
  const m = PREFIX.exec(subject);
  return !!m && FORWARD.has((m[1] as string).toLowerCase());
}

/** `Re: ` once, never stacked: `RE: Re: AW: x` → `Re: x`; an empty subject stays `Re:`-free. */
export function replySubject(subject: string): string {
  const base = baseSubject(subject);
  return base ? `Re: ${base}` : '';
}

export function forwardSubject(subject: string): string {
  return `Fwd: ${baseSubject(subject)}`.trimEnd();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
