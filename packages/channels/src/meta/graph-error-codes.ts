import type { SendFailureCode } from '../pipeline/outbound';

/** How one Graph error code is handled: what it means for the outbox and whether to try again. */
export interface GraphErrorRule {
  code: SendFailureCode;
  retryable: boolean;
}

const rule = (code: SendFailureCode, retryable: boolean): GraphErrorRule => ({ code, retryable });

/** Codes every Graph API shares (Graph error reference; wire-formats §1.4 and §2.10). */
const GRAPH_COMMON: Record<number, GraphErrorRule> = {
  0: rule('auth', false),
  1: rule('transient', true),
  2: rule('transient', true),
  3: rule('permission', false),
  4: rule('rate_limited', true),
  10: rule('permission', false),
  17: rule('rate_limited', true),
  32: rule('rate_limited', true),
  100: rule('invalid_request', false),
  102: rule('auth', false),
  190: rule('auth', false),
  368: rule('policy', false),
  613: rule('rate_limited', true),
};

/** WhatsApp Cloud API codes (wire-formats §2.10). */
export const WHATSAPP_ERROR_RULES: Record<number, GraphErrorRule> = {
  ...GRAPH_COMMON,
  80007: rule('rate_limited', true),
  130429: rule('rate_limited', true),
  130472: rule('policy', false),
  131000: rule('transient', true),
  131005: rule('permission', false),
  131008: rule('invalid_request', false),
  131009: rule('invalid_request', false),
  131016: rule('transient', true),
  131021: rule('invalid_recipient', false),
  131026: rule('recipient_unavailable', false),
  131030: rule('invalid_recipient', false),
  131031: rule('permission', false),
  131042: rule('permission', false),
  131045: rule('permission', false),
  131047: rule('window_closed', false),
  131048: rule('rate_limited', true),
  131049: rule('policy', false),
  131051: rule('invalid_request', false),
  131052: rule('media', true),
  131053: rule('media', true),
  131056: rule('rate_limited', true),
  131057: rule('transient', true),
  /** A BSUID recipient is not supported for this message (e.g. authentication templates). */
  131062: rule('invalid_recipient', false),
  132000: rule('template', false),
  132001: rule('template', false),
  132005: rule('template', false),
  132007: rule('template', false),
  132012: rule('template', false),
  132015: rule('template', false),
  132016: rule('template', false),
  133010: rule('permission', false),
  135000: rule('invalid_request', false),
};

/** Messenger Send API codes; `code/subcode` keys win over the bare code (wire-formats §1.4). */
export const MESSENGER_ERROR_RULES: Record<string, GraphErrorRule> = {
  ...Object.fromEntries(Object.entries(GRAPH_COMMON)),
  '10/2018278': rule('window_closed', false),
  '100/2018001': rule('invalid_recipient', false),
  '551': rule('recipient_unavailable', false),
  '1200': rule('transient', true),
};

/** Codes 200–299 are all "permission missing or revoked" in both products. */
export function lookupGraphRule(table: Record<string | number, GraphErrorRule>, code: number, subcode?: number): GraphErrorRule | undefined {
  const exact = subcode === undefined ? undefined : table[`${code}/${subcode}`];
  const found = exact ?? table[code] ?? table[String(code)];
  if (found) return found;
  if (code >= 200 && code <= 299) return rule('permission', false);
  return undefined;
}
