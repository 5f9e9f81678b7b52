import { checkLimit, codePointLength, type TextLimitCheck } from '../pipeline/text-length';

/**
 * WhatsApp `text.body` is at most 4,096 characters and a media caption at most 1,024 (Meta's Business
 * Messaging OpenAPI spec v23.0, `TextMessage.body` `maxLength: 4096`; Cloud API messages reference). A
 * JSON Schema `maxLength` counts Unicode code points (JSON Schema Validation §6.3.1), so an emoji is 1.
 */
export const WHATSAPP_TEXT_MAX = 4096;
export const WHATSAPP_CAPTION_MAX = 1024;

export function checkWhatsAppText(text: string): TextLimitCheck {
  return checkLimit(codePointLength(text), WHATSAPP_TEXT_MAX);
}

export function checkWhatsAppCaption(text: string): TextLimitCheck {
  return checkLimit(codePointLength(text), WHATSAPP_CAPTION_MAX);
}
