import { countChars, smsSegments, type ChannelRules, type SmsSegmentInfo } from '@parley/protocol';

export interface TextMeasure {
  /** The length in the channel's unit (code points or UTF-16 units). */
  length: number;
  limit: number;
  /** How far past the limit (≤ 0 when within it). */
  over: number;
  /** SMS: the segments the text costs and their encoding, shown while typing. */
  sms: SmsSegmentInfo | null;
}

const LENGTH: Record<ChannelRules['textCounting'], (text: string) => number> = {
  code_points: countChars,
  // The provider counts UTF-16 units (an emoji outside the BMP is 2).
  utf16: (text) => text.length,
  sms_segments: (text) => text.length,
};

/** A reply's length counted the way the channel's provider counts it (`rules.textCounting`). */
export function measureText(text: string, rules: Pick<ChannelRules, 'textCounting' | 'maxMessageLength'>): TextMeasure {
  const length = LENGTH[rules.textCounting](text);
  const limit = rules.maxMessageLength;
  return { length, limit, over: length - limit, sms: rules.textCounting === 'sms_segments' ? smsSegments(text) : null };
}
