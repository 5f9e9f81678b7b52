import { smsSegments } from '@parley/protocol';
import { checkLimit, type TextLimitCheck } from '../pipeline/text-length';

/**
 * Twilio's `Body` limit is 1,600 characters (Messages API `Body` parameter; error 21617 "The
 * concatenated message body exceeds the 1600 character limit"). Twilio notes that emoji and other
 * non-GSM characters use more space and hit the limit sooner, so we count encoded units as the segment
 * counter does: GSM-7 septets (extension characters 2) or UCS-2 code units (astral characters 2).
 * That is never fewer than a count in code points or UTF-16 units (Twilio does not say which it uses).
 */
export const SMS_TEXT_MAX = 1600;

export function checkSmsText(text: string): TextLimitCheck {
  return checkLimit(smsSegments(text).units, SMS_TEXT_MAX);
}
