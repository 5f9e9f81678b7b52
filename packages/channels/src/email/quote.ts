/**
 * Trims the quoted history clients append to a reply, for display: the reply keeps `shown`, the full
 * text stays in `full` (an agent can expand it). Recognized, earliest wins:
 * - attributions: "On … wrote:" (also wrapped over up to three lines, as Gmail does), "Le … a écrit :",
 *   "Am … schrieb …:", "El … escribió:", Chinese "在…写道：";
 * - separators: "-----Original Message-----", "-----原始邮件-----" (QQ/Foxmail), and their translations;
 * - Outlook's header block: "From: …" followed within a few lines by "Sent:"/"Date:" (also 发件人/发送时间),
 *   with the underscore rule Outlook on the web puts above it;
 * - a trailing block of `>`-quoted lines (inline answers between quotes are kept).
 * Nothing after a forwarded-message marker is trimmed: in a forward that content is the message. Pure.
 */

export interface TrimmedText {
  /** The new part of the message; the full text when trimming would leave nothing. */
  shown: string;
  /** What was trimmed, or null when nothing was. */
  quoted: string | null;
  full: string;
}

const ATTRIBUTION_END = /(?:\bwrote|a écrit|schrieb[^:]*|escribió|ha scritto|schreef|escreveu|napisał|skrev|kirjoitti)\s*:\s*$|(?:写道|寫道)\s*[:：]\s*$/i;
const ATTRIBUTION_START = /^\s*(?:On|Le|Am|El|Il|Op|Em|W dniu|Den|在|于)\s*\S/i;
const SEPARATOR = /^\s*-{2,}\s*(?:Original Message|Originalnachricht|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|原始邮件|原始郵件|原始信件|原邮件)\s*-{2,}\s*$/i;
export const HEADER_FROM = /^\s*\*?(?:From|Von|De|Da|Van|发件人|寄件者|差出人)\s*\*?\s*[:：]/i;
export const HEADER_SENT = /^\s*\*?(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado|Inviato|发送时间|日期|寄件日期|送信日時)\s*\*?\s*[:：]/i;
const UNDERSCORES = /^\s*_{10,}\s*$/;
const FORWARD_MARKER = /^\s*(?:-{5,}\s*Forwarded message\s*-{5,}|Begin forwarded message:|-{5,}\s*Forwarded Message\s*-{5,}|-{5,}\s*(?:转发邮件信息|转发的邮件)\s*-{5,})\s*$/i;
const MAX_ATTRIBUTION_LINES = 3;
const MAX_HEADER_GAP = 4;

export function trimQuoted(text: string): TrimmedText {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const forwardAt = lines.findIndex((l) => FORWARD_MARKER.test(l));
  const limit = forwardAt < 0 ? lines.length : forwardAt;
  const cut = Math.min(firstHeaderCut(lines, limit), quotedTail(lines, limit));
  if (cut >= limit) return { shown: text, quoted: null, full: text };
  const shown = lines.slice(0, cut).join('\n').trimEnd();
  if (!shown.trim()) return { shown: text, quoted: null, full: text };
  return { shown, quoted: lines.slice(cut).join('\n').trim(), full: text };
}

function firstHeaderCut(lines: string[], limit: number): number {
  for (let i = 0; i < limit; i++) {
    const line = lines[i] as string;
    if (SEPARATOR.test(line)) return i;
    if (ATTRIBUTION_START.test(line) && attributionEnds(lines, i)) return i;
    if (HEADER_FROM.test(line) && sentFollows(lines, i)) return i > 0 && UNDERSCORES.test(lines[i - 1] as string) ? i - 1 : i;
  }
  return limit;
}

function attributionEnds(lines: string[], start: number): boolean {
  const joined = lines.slice(start, start + MAX_ATTRIBUTION_LINES).map((l) => l.trim());
  for (let n = 1; n <= joined.length; n++) {
    if (ATTRIBUTION_END.test(joined.slice(0, n).join(' '))) return true;
    if (!joined[n - 1]) return false;
  }
  return false;
}

function sentFollows(lines: string[], start: number): boolean {
  for (let j = start + 1; j <= start + MAX_HEADER_GAP && j < lines.length; j++) if (HEADER_SENT.test(lines[j] as string)) return true;
  return false;
}

/** Start of the trailing run of `>` and blank lines, if it holds a quote; `limit` when none. */
function quotedTail(lines: string[], limit: number): number {
  let start = limit;
  let quoted = false;
  for (let i = limit - 1; i >= 0; i--) {
    const line = lines[i] as string;
    if (/^\s*>/.test(line)) quoted = true;
    else if (line.trim() !== '') break;
    start = i;
  }
  if (!quoted) return limit;
  while (start < limit && (lines[start] as string).trim() === '') start++;
  return start;
}
