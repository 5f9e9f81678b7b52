import { timingSafeEqual } from 'node:crypto';

/** What the HTTP edge answers to Meta's GET verification request. */
export interface HandshakeReply {
  status: 200 | 400 | 403;
  /** Plain text: the echoed challenge on success, a short reason otherwise. */
  body: string;
}

/**
 * Meta's webhook verification handshake (Messenger and WhatsApp, wire-formats §1.1): echo
 * `hub.challenge` when `hub.mode` is `subscribe` and `hub.verify_token` matches. Query keys are read
 * literally (they contain dots). A request without the hub fields is a 400; a wrong token is a 403.
 */
export function answerMetaHandshake(query: URLSearchParams | Record<string, unknown>, verifyToken: string): HandshakeReply {
  const get = (k: string): string | undefined => {
    const v = query instanceof URLSearchParams ? query.get(k) : query[k];
    return typeof v === 'string' ? v : undefined;
  };
  const mode = get('hub.mode');
  const token = get('hub.verify_token');
  const challenge = get('hub.challenge');
  if (mode === undefined || token === undefined || challenge === undefined) {
    return { status: 400, body: 'missing hub.mode, hub.verify_token or hub.challenge' };
  }
  if (mode !== 'subscribe' || !verifyToken || !sameSecret(token, verifyToken)) {
    return { status: 403, body: 'verification failed' };
  }
  return { status: 200, body: challenge };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
