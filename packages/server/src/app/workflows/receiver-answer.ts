import { isHttpUrl } from '../../config/workflow-config';

export const MAX_MESSAGE_CHARS = 1000;
const MAX_LINK_CHARS = 2000;

export type ReceiverAnswer = { message: string | null; link: string | null } | { invalid: string };

/**
 * What a receiver may answer with a 2xx: nothing, or JSON `{message?: string, link?: http(s) URL}`.
 * The message is shown as plain text (control characters dropped, at most 1000 characters); other
 * keys are ignored. Anything else is reported as invalid, and nothing of it is shown.
 */
export function parseReceiverAnswer(text: string): ReceiverAnswer {
  if (text.trim() === '') return { message: null, link: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { invalid: 'the answer is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { invalid: 'the answer is not a JSON object' };
  const { message, link } = value as Record<string, unknown>;
  if (message !== undefined && message !== null && typeof message !== 'string') return { invalid: '"message" is not text' };
  if (link !== undefined && link !== null && (typeof link !== 'string' || link.length > MAX_LINK_CHARS || !isHttpUrl(link))) {
    return { invalid: '"link" is not an http(s) URL' };
  }
  const clean = typeof message === 'string' ? cleanText(message) : '';
  return { message: clean || null, link: typeof link === 'string' ? link : null };
}

function cleanText(s: string): string {
  // Line breaks and tabs stay; other control characters (and bidi overrides) could disguise the text.
  const plain = s.replace(/(?![\n\t])[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, '').trim();
  const chars = [...plain];
  return chars.length > MAX_MESSAGE_CHARS ? `${chars.slice(0, MAX_MESSAGE_CHARS - 1).join('')}…` : plain;
}
