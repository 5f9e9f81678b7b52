/** Length in Unicode code points (an emoji is 1): how JSON Schema `maxLength` counts characters. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export interface TextLimitCheck {
  length: number;
  max: number;
  ok: boolean;
}

export function checkLimit(length: number, max: number): TextLimitCheck {
  return { length, max, ok: length <= max };
}
