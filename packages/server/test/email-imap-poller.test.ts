import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { startImapPoller, type ImapPoller, type ImapPollerEvent, type ImapPollerOptions } from '../src/app/email/imap-poller';
import { dovecotInstalled, startDovecot, type Dovecot } from './email-dovecot';

/** Resolves when `predicate` holds for the events seen so far (now or later). */
function eventsOf() {
  const seen: ImapPollerEvent[] = [];
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  return {
    seen,
    push(e: ImapPollerEvent) {
      seen.push(e);
      for (const w of [...waiters]) {
        if (!w.test()) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    },
    until(test: (seen: ImapPollerEvent[]) => boolean): Promise<void> {
      return new Promise((resolve) => {
        if (test(seen)) return resolve();
        waiters.push({ test: () => test(seen), resolve });
      });
    },
  };
}
const passes = (seen: ImapPollerEvent[]) => seen.filter((e) => e.type === 'pass') as Extract<ImapPollerEvent, { type: 'pass' }>[];

function mail(subject: string): string {
  return `From: ana@customer.example\r\nTo: support@shop.example\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@customer.example>\r\n\r\nHello\r\n`;
}
const subjectOf = (raw: Buffer) => /Subject: (.*)\r\n/.exec(raw.toString())?.[1];

describe.skipIf(!dovecotInstalled)('IMAP poller (against a real Dovecot started by the test)', () => {
  let dovecot: Dovecot;
  /** The "other side": a plain IMAP client that drops mail into the mailbox and reads flags back. */
  let other: ImapFlow;
  let poller: ImapPoller | undefined;
  let n = 0;

  beforeAll(async () => {
    dovecot = await startDovecot();
    other = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.pass }, logger: false });
    await other.connect();
  });
  afterAll(async () => {
    await other?.logout().catch(() => {});
    await dovecot?.stop();
  });
  afterEach(async () => {
    await poller?.stop();
    poller = undefined;
  });

  /** A fresh mailbox per test, so tests do not see each other's mail. */
  async function mailbox(): Promise<string> {
    const name = `Test${++n}`;
    await other.mailboxCreate(name);
    return name;
  }
  async function seenFlags(box: string): Promise<Record<string, boolean>> {
    const out: Record<string, boolean> = {};
    const lock = await other.getMailboxLock(box);
    try {
      for (const m of await other.fetchAll('1:*', { envelope: true, flags: true })) {
        // Dovecot also reports the poller's flag changes here unasked (FETCH FLAGS without an envelope).
        if (m.envelope) out[m.envelope.subject ?? ''] = m.flags?.has('\\Seen') ?? false;
      }
    } finally {
      lock.release();
    }
    return out;
  }
  function start(box: string, over: Partial<ImapPollerOptions>) {
    const events = eventsOf();
    const delivered: string[] = [];
    poller = startImapPoller({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      user: dovecot.user,
      pass: dovecot.pass,
      mailbox: box,
      deliver: async (raw) => {
        delivered.push(subjectOf(raw) ?? '');
      },
      onEvent: (e) => events.push(e),
      ...over,
    });
    return { events, delivered };
  }

  it('delivers the unseen mail once, in UID order, and flags it seen', async () => {
    const box = await mailbox();
    await other.append(box, mail('first'));
    await other.append(box, mail('already read'), ['\\Seen']);
    await other.append(box, mail('second'));
    // A short poll interval: several passes run, and none delivers anything twice.
    const { events, delivered } = start(box, { pollIntervalMs: 20 });
    await events.until((seen) => passes(seen).length >= 3);
    expect(delivered).toEqual(['first', 'second']);
    expect(passes(events.seen)[0]).toEqual({ type: 'pass', delivered: 2, failed: 0 });
    expect(await seenFlags(box)).toEqual({ first: true, 'already read': true, second: true });
  });

  it('leaves a message whose delivery failed unseen, and delivers it on the next pass', async () => {
    const box = await mailbox();
    await other.append(box, mail('flaky'));
    await other.append(box, mail('fine'));
    let failNext = true;
    const delivered: string[] = [];
    let beforeRetry: Record<string, boolean> | undefined;
    const { events } = start(box, {
      pollIntervalMs: 20,
      deliver: async (raw) => {
        const subject = subjectOf(raw) ?? '';
        if (subject === 'flaky' && failNext) {
          failNext = false;
          throw new Error('database is down');
        }
        if (subject === 'flaky') beforeRetry = await seenFlags(box); // as the failed pass left it
        delivered.push(subject);
      },
    });
    await events.until((seen) => passes(seen).some((p) => p.delivered === 1 && p.failed === 0 && delivered.includes('flaky')));
    const failedPass = passes(events.seen)[0];
    expect(failedPass).toEqual({ type: 'pass', delivered: 1, failed: 1 });
    expect(events.seen.find((e) => e.type === 'deliver_failed')).toMatchObject({ error: { message: 'database is down' } });
    expect(beforeRetry).toEqual({ flaky: false, fine: true });
    expect(delivered).toEqual(['fine', 'flaky']);
    expect(await seenFlags(box)).toEqual({ flaky: true, fine: true });
  });

  it('does not download a message over maxBytes: left unseen, reported once, the rest delivered', async () => {
    const box = await mailbox();
    await other.append(box, mail(`huge ${'x'.repeat(2_000)}`));
    await other.append(box, mail('small'));
    const { events, delivered } = start(box, { pollIntervalMs: 20, maxBytes: 1_000 });
    await events.until((seen) => passes(seen).length >= 3);
    expect(delivered).toEqual(['small']);
    expect(events.seen.filter((e) => e.type === 'too_large')).toEqual([{ type: 'too_large', uid: 1, size: expect.any(Number) }]);
    expect(Object.values(await seenFlags(box)).sort()).toEqual([false, true]);
  });

  it('picks up new mail through IDLE, with no poll due', async () => {
    const box = await mailbox();
    const { events, delivered } = start(box, { pollIntervalMs: 10 * 60_000 });
    await events.until((seen) => passes(seen).length >= 1);
    expect(events.seen[0]).toEqual({ type: 'connected', idle: true });
    await other.append(box, mail('fresh'));
    await events.until(() => delivered.length === 1);
    expect(delivered).toEqual(['fresh']);
  });

  it('reconnects after the connection drops and goes on delivering', async () => {
    const box = await mailbox();
    const proxy = await cuttableProxy(dovecot.port);
    try {
      const { events, delivered } = start(box, { port: proxy.port, pollIntervalMs: 10 * 60_000, backoff: { initialMs: 10, maxMs: 50 } });
      await events.until((seen) => passes(seen).length >= 1);
      proxy.cut();
      await events.until((seen) => seen.filter((e) => e.type === 'connected').length >= 2);
      expect(events.seen.some((e) => e.type === 'disconnected')).toBe(true);
      await other.append(box, mail('after the drop'));
      await events.until(() => delivered.length === 1);
      expect(delivered).toEqual(['after the drop']);
    } finally {
      await poller?.stop();
      poller = undefined;
      await proxy.close();
    }
  });

  it('stops cleanly: no more passes, and the session is logged out', async () => {
    const box = await mailbox();
    const { events } = start(box, { pollIntervalMs: 20 });
    await events.until((seen) => passes(seen).length >= 1);
    await poller!.stop();
    poller = undefined;
    const count = events.seen.length;
    await other.append(box, mail('after stop'));
    // The other client's own round trip shows the server state; the poller never woke again.
    expect(await seenFlags(box)).toEqual({ 'after stop': false });
    expect(events.seen.length).toBe(count);
  });
});

/** A TCP relay in front of the server whose connections the test can cut, like a NAT timeout would. */
async function cuttableProxy(targetPort: number) {
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = connect(targetPort, '127.0.0.1');
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    cut: () => {
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
