import { checkLimit, codePointLength, type TextLimitCheck } from '../pipeline/text-length';

/**
 * Messenger `message.text` is at most 2,000 characters, "UTF-8 encoded" (Send API reference,
 * developers.facebook.com/docs/messenger-platform/reference/send-api, `message.text`). Meta counts
 * characters, not bytes: we count Unicode code points.
 */
export const MESSENGER_TEXT_MAX = 2000;

export function checkMessengerText(text: string): TextLimitCheck {
  return checkLimit(codePointLength(text), MESSENGER_TEXT_MAX);
}
