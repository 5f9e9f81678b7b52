import type { WorkflowRunErrorCode } from '@parley/protocol';
import { parseReceiverAnswer } from './receiver-answer';

/** Idempotent workflows: this many attempts at most, waiting 0.5 s then 1 s between them. */
export const MAX_ATTEMPTS = 3;
const BACKOFF_MS = [500, 1000];
/** A receiver's answer is read up to this size; more is a bad answer. */
const MAX_ANSWER_BYTES = 64 * 1024;

export interface CallOptions {
  url: string;
  rawBody: string;
  /** Fresh headers per attempt (the timestamp and signature are those of the moment it is sent). */
  headers: () => Record<string, string>;
  timeoutMs: number;
  idempotent: boolean;
  /** Aborted when the server stops: the run ends as interrupted, without retries. */
  stop: AbortSignal;
}

export type CallResult = {
  attempts: number;
  httpStatus: number | null;
} & (
  | { ok: true; message: string | null; link: string | null; ignored?: string }
  | { ok: false; errorCode: WorkflowRunErrorCode; reason: string }
);

type Attempt = CallResult & { retryable: boolean };

/**
 * POSTs a workflow request. Retries, only when the workflow is idempotent, after a network error,
 * a timeout or a 5xx; never after a 2xx–4xx answer (the receiver decided). Redirects are not
 * followed: the signed request goes to the configured URL only.
 */
export async function callWorkflow(o: CallOptions): Promise<CallResult> {
  let last: Attempt | undefined;
  for (let attempt = 1; attempt <= (o.idempotent ? MAX_ATTEMPTS : 1); attempt++) {
    if (attempt > 1 && !(await pause(BACKOFF_MS[attempt - 2] ?? 1000, o.stop))) break;
    last = await once(o, attempt);
    if (!last.retryable) break;
  }
  if (!last || o.stop.aborted) {
    return { attempts: last?.attempts ?? 0, httpStatus: last?.httpStatus ?? null, ok: false, errorCode: 'interrupted', reason: 'The server stopped while the workflow ran' };
  }
  const { retryable: _r, ...result } = last;
  return result;
}

async function once(o: CallOptions, attempt: number): Promise<Attempt> {
  const signal = AbortSignal.any([AbortSignal.timeout(o.timeoutMs), o.stop]);
  const fail = (errorCode: WorkflowRunErrorCode, reason: string, httpStatus: number | null, retryable: boolean): Attempt => ({
    attempts: attempt, httpStatus, ok: false, errorCode, reason, retryable,
  });
  let res: Response;
  try {
    res = await fetch(o.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Parley-Workflows/1', ...o.headers() },
      body: o.rawBody,
      redirect: 'manual',
      signal,
    });
  } catch (err) {
    return thrown(err, o, fail);
  }
  let text: string | TooLarge;
  try {
    text = await readBounded(res);
  } catch (err) {
    if (!(err instanceof TooLarge)) return thrown(err, o, fail, res.status);
    text = err;
  }
  if (res.status < 200 || res.status > 299) return fail('http-status', `The receiver answered HTTP ${res.status}`, res.status, res.status >= 500);
  const answer = text instanceof TooLarge ? { invalid: text.message } : parseReceiverAnswer(text);
  if ('invalid' in answer) return { attempts: attempt, httpStatus: res.status, ok: true, message: null, link: null, ignored: answer.invalid, retryable: false };
  return { attempts: attempt, httpStatus: res.status, ok: true, ...answer, retryable: false };
}

function thrown(err: unknown, o: CallOptions, fail: (c: WorkflowRunErrorCode, r: string, s: number | null, retry: boolean) => Attempt, status: number | null = null): Attempt {
  if (o.stop.aborted) return fail('interrupted', 'The server stopped while the workflow ran', status, false);
  const name = (err as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return fail('timeout', `No answer within ${o.timeoutMs / 1000} s`, status, true);
  const code = (err as { cause?: { code?: unknown } }).cause?.code;
  return fail('network', `Could not reach the receiver${typeof code === 'string' ? ` (${code})` : ''}`, status, true);
}

class TooLarge extends Error {}

async function readBounded(res: Response): Promise<string> {
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await res.body.cancel().catch(() => undefined);
      throw new TooLarge(`the answer is larger than ${MAX_ANSWER_BYTES / 1024} KB`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Waits `ms`, or less when `stop` aborts (then false). */
function pause(ms: number, stop: AbortSignal): Promise<boolean> {
  if (stop.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      stop.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      resolve(false);
    };
    stop.addEventListener('abort', onAbort, { once: true });
  });
}
