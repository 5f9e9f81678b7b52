import { ImapFlow } from 'imapflow';

/**
 * IMAP intake for businesses whose mail lives elsewhere: the unseen messages of one mailbox are
 * handed to `deliver` in UID order, and each is flagged \Seen only after `deliver` resolved — a
 * message whose delivery failed stays unseen and is tried again on the next pass (at least once:
 * if the connection drops between the two, the caller sees it again and drops the duplicate).
 * New mail is noticed through IDLE, with a poll every `pollIntervalMs` as the fallback for servers
 * without IDLE and for IDLE sessions that silently died; a lost connection is re-opened with backoff.
 */

export interface ImapMessageMeta {
  uid: number;
  uidValidity: string;
  mailbox: string;
}

export type ImapPollerEvent =
  | { type: 'connected'; idle: boolean }
  /** One pass over the unseen messages finished. */
  | { type: 'pass'; delivered: number; failed: number }
  | { type: 'deliver_failed'; uid: number; error: Error }
  /** Over `maxBytes`: not downloaded, left unseen for a person to deal with (reported once). */
  | { type: 'too_large'; uid: number; size: number }
  | { type: 'disconnected'; error?: Error; retryInMs: number };

export interface ImapPollerOptions {
  host: string;
  port: number;
  /** Implicit TLS (993). False: STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  pass: string;
  /** Default INBOX. */
  mailbox?: string;
  deliver: (raw: Buffer, meta: ImapMessageMeta) => Promise<void>;
  /** How often to look even without news. Default 60 s. */
  pollIntervalMs?: number;
  /** False: never IDLE, poll only. Default true (used when the server supports it). */
  idle?: boolean;
  /** Reconnect delays: doubling from `initialMs` up to `maxMs`. Default 1 s → 5 min. */
  backoff?: { initialMs?: number; maxMs?: number };
  /** Larger messages are not downloaded. Default 25 MiB. */
  maxBytes?: number;
  tls?: { rejectUnauthorized?: boolean; servername?: string };
  onEvent?: (event: ImapPollerEvent) => void;
}

export interface ImapPoller {
  /** Ends the session (LOGOUT) and the reconnect loop; resolves when nothing runs any more. */
  stop: () => Promise<void>;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

export function startImapPoller(opts: ImapPollerOptions): ImapPoller {
  const mailbox = opts.mailbox ?? 'INBOX';
  const pollIntervalMs = opts.pollIntervalMs ?? 60_000;
  const initialBackoff = opts.backoff?.initialMs ?? 1_000;
  const maxBackoff = opts.backoff?.maxMs ?? 300_000;
  const maxBytes = opts.maxBytes ?? 25 * 1024 * 1024;
  const emit = opts.onEvent ?? (() => {});

  let stopped = false;
  let client: ImapFlow | undefined;
  let connecting = false;
  // One wake-up source for "look now": new mail (EXISTS), the poll timer, a closed connection, stop().
  let woken = false;
  let wake: () => void = () => {};
  const poke = () => {
    woken = true;
    wake();
  };
  const waitForWake = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).then(() => {
      woken = false;
      wake = () => {};
    });
  /** Too-large messages already reported, per UIDVALIDITY, so each is reported once. */
  const reported = new Set<string>();

  async function pass(c: ImapFlow): Promise<void> {
    let delivered = 0;
    let failed = 0;
    const lock = await c.getMailboxLock(mailbox);
    try {
      const uidValidity = c.mailbox ? String(c.mailbox.uidValidity) : '';
      const uids = ((await c.search({ seen: false }, { uid: true })) || []).sort((a, b) => a - b);
      const sizes = new Map<number, number>();
      if (uids.length > 0) {
        for (const m of await c.fetchAll(uids.join(','), { uid: true, size: true }, { uid: true })) sizes.set(m.uid, m.size ?? 0);
      }
      for (const uid of uids) {
        if (stopped) break;
        const size = sizes.get(uid);
        if (size === undefined) continue; // expunged meanwhile
        if (size > maxBytes) {
          const key = `${uidValidity}:${uid}`;
          if (!reported.has(key)) emit({ type: 'too_large', uid, size });
          reported.add(key);
          continue;
        }
        // BODY.PEEK[]: reading the message does not mark it seen; only the STORE below does.
        const msg = await c.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        const source = msg ? msg.source : undefined;
        if (!source) continue;
        try {
          await opts.deliver(source, { uid, uidValidity, mailbox });
        } catch (err) {
          failed++;
          emit({ type: 'deliver_failed', uid, error: asError(err) });
          continue;
        }
        await c.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        delivered++;
      }
    } finally {
      lock.release();
    }
    emit({ type: 'pass', delivered, failed });
  }

  /** One connection, from login until it closes or stop(); throws what broke it. */
  async function session(onConnected: () => void): Promise<void> {
    const c = new ImapFlow({
      host: opts.host,
      port: opts.port,
      secure: opts.secure,
      auth: { user: opts.user, pass: opts.pass },
      logger: false,
      disableAutoIdle: opts.idle === false,
      // IDLE soon after each pass (nothing else uses the connection), restarted now and then.
      autoIdleDelay: 500,
      maxIdleTime: Math.min(pollIntervalMs, 25 * 60_000),
      ...(opts.tls ? { tls: opts.tls } : {}),
    });
    client = c;
    connecting = true;
    let failure: Error | undefined;
    // Without a listener an 'error' event would throw and take the process down.
    c.on('error', (err: unknown) => (failure = asError(err)));
    c.on('exists', () => poke());
    c.on('close', () => poke());
    await c.connect().finally(() => (connecting = false));
    onConnected();
    emit({ type: 'connected', idle: opts.idle !== false && c.capabilities.has('IDLE') });
    try {
      while (!stopped && c.usable) {
        await pass(c);
        await waitForWake(pollIntervalMs);
      }
    } finally {
      if (c.usable) await c.logout().catch(() => c.close());
      client = undefined;
    }
    if (!stopped && failure) throw failure;
    if (!stopped) throw new Error('IMAP connection closed');
  }

  const loop = (async () => {
    let delay = initialBackoff;
    while (!stopped) {
      let error: Error | undefined;
      try {
        await session(() => (delay = initialBackoff));
      } catch (err) {
        error = asError(err);
      }
      if (stopped) break;
      emit({ type: 'disconnected', ...(error ? { error } : {}), retryInMs: delay });
      woken = false; // the closed connection's own wake-up must not cut the backoff short
      await waitForWake(delay);
      delay = Math.min(delay * 2, maxBackoff);
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      poke();
      // A pass in progress finishes its current message, then the session logs out; a connection
      // attempt that hangs is cut.
      if (connecting) client?.close();
      await loop;
    },
  };
}
