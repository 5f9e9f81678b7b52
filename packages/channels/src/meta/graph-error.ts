import type { ProviderResponse } from '../pipeline/http';
import { parseJson, retryAfterMs } from '../pipeline/http';
import type { SendFailure, SendFailureCode, SendResult } from '../pipeline/outbound';
import { bool, id, num, rec, str } from '../pipeline/read';
import { type GraphErrorRule, lookupGraphRule } from './graph-error-codes';

/** The Graph error envelope's fields we act on (`{ error: { message, type, code, error_subcode, … } }`). */
interface GraphError {
  code?: number;
  subcode?: number;
  message?: string;
  details?: string;
  isTransient?: boolean;
  traceId?: string;
}

function readGraphError(body: string): GraphError | undefined {
  const parsed = parseJson(body);
  const err = rec(rec(parsed).error);
  if (Object.keys(err).length === 0) return undefined;
  return {
    code: num(err.code),
    subcode: num(err.error_subcode),
    message: str(err.message) ?? str(err.error_user_msg),
    details: str(rec(err.error_data).details),
    isTransient: bool(err.is_transient),
    traceId: id(err.fbtrace_id),
  };
}

/**
 * Any non-2xx Graph response → a SendFailure. A known error code decides (per `table`); otherwise
 * HTTP 429 and 5xx are retryable and other statuses are not. `is_transient: true` always allows a
 * retry, and Retry-After is honoured when present.
 */
export function graphFailure(res: ProviderResponse, table: Record<string | number, GraphErrorRule>, nowMs?: number): SendFailure {
  const err = readGraphError(res.body);
  const known = err?.code === undefined ? undefined : lookupGraphRule(table, err.code, err.subcode);
  const byStatus = statusRule(res.status);
  const chosen = known ?? byStatus;
  const retryable = chosen.retryable || err?.isTransient === true;
  const failure: SendFailure = {
    ok: false,
    retryable,
    code: chosen.code,
    reason: reasonText(res.status, err),
  };
  if (err?.code !== undefined) failure.providerCode = err.subcode === undefined ? `${err.code}` : `${err.code}/${err.subcode}`;
  if (err?.traceId) failure.traceId = err.traceId;
  const after = retryable ? retryAfterMs(res, nowMs) : undefined;
  if (after !== undefined) failure.retryAfterMs = after;
  return failure;
}

/** Interprets a Graph send response: 2xx with an id is success; 2xx without one is not retried (it may have gone out). */
export function graphSendResult(
  res: ProviderResponse,
  table: Record<string | number, GraphErrorRule>,
  pickId: (body: unknown) => string | undefined,
  nowMs?: number,
): SendResult {
  if (res.status >= 200 && res.status < 300) {
    const providerId = pickId(parseJson(res.body));
    if (providerId) return { ok: true, providerId };
    return { ok: false, retryable: false, code: 'unknown', reason: `HTTP ${res.status} without a message id` };
  }
  return graphFailure(res, table, nowMs);
}

function statusRule(status: number): { code: SendFailureCode; retryable: boolean } {
  if (status === 429) return { code: 'rate_limited', retryable: true };
  if (status >= 500 || status === 408) return { code: 'transient', retryable: true };
  if (status === 401) return { code: 'auth', retryable: false };
  if (status === 403) return { code: 'permission', retryable: false };
  return { code: 'unknown', retryable: false };
}

function reasonText(status: number, err: GraphError | undefined): string {
  const parts = [err?.message, err?.details].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(': ') : `HTTP ${status}`;
}
