/**
 * How many SMS segments a text costs (3GPP TS 23.038 / 23.040; Twilio's segment rules, wire-formats §3.7).
 * GSM-7 when every character is in the default alphabet: 160 septets in one segment, 153 per segment
 * when concatenated (the UDH takes 7); extension-table characters cost 2 (ESC + char). One character
 * outside it makes the whole text UCS-2: 70 code units alone, 67 per segment; astral characters (most
 * emoji) are surrogate pairs and cost 2. An escape pair or surrogate pair is never split across segments.
 * Pure, so the Desktop can show the count while the agent types.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegmentInfo {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  /** 0 for the empty text. */
  segments: number;
  /** Units per segment at this length: 160/70 for a single segment, 153/67 when concatenated. */
  unitsPerSegment: number;
  /** Units still free in the last segment before another one is needed. */
  remainingInSegment: number;
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';
const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

const LIMITS: Record<SmsEncoding, { single: number; multi: number }> = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
};

/** The characters that force UCS-2 (to point them out to the agent), each once, in order. */
export function nonGsmCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const ch of text) if (!BASIC.has(ch) && !EXTENSION.has(ch)) found.add(ch);
  return [...found];
}

export function smsSegments(text: string): SmsSegmentInfo {
  const chars = [...text];
  const encoding: SmsEncoding = chars.every((c) => BASIC.has(c) || EXTENSION.has(c)) ? 'GSM-7' : 'UCS-2';
  // Cost of each character in its encoding; a character is the unit that must not be split.
  const costs = chars.map((c) => (encoding === 'GSM-7' ? (EXTENSION.has(c) ? 2 : 1) : c.length));
  const units = costs.reduce((a, b) => a + b, 0);
  const { single, multi } = LIMITS[encoding];
  if (units <= single) {
    return { encoding, units, segments: units === 0 ? 0 : 1, unitsPerSegment: single, remainingInSegment: single - units };
  }
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > multi) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments, unitsPerSegment: multi, remainingInSegment: multi - used };
}
