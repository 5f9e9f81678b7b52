import { smsSegments, textLength, type ChannelRules, type SmsSegmentInfo } from '@parley/protocol';

export interface TextMeasure {
  /** The length in the channel's unit (code points or UTF-16 units). */
  length: number;
  limit: number;
  /** How far past the limit (≤ 0 when within it). */
  over: number;
  /** SMS: the segments the text costs and their encoding, shown while typing. */
  sms: SmsSegmentInfo | null;
}

/** A reply's length counted the way the channel's provider counts it (`rules.textCounting`). */
export function measureText(text: string, rules: Pick<ChannelRules, 'textCounting' | 'maxMessageLength'>): TextMeasure {
  const length = textLength(text, rules);
  const limit = rules.maxMessageLength;
  return { length, limit, over: length - limit, sms: rules.textCounting === 'sms_segments' ? smsSegments(text) : null };
}
