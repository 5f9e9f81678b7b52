import type { Logger } from 'pino';
import type { AppCore } from '../core';
import type { EmailInbound } from '../inbound/email';
import { startImapPoller, type ImapPoller } from './imap-poller';

const DEFAULT_IMAP_PORT = { secure: 993, plain: 143 };
/** The stored settings a poller is made from: a change to any of them restarts it. */
const POLLER_FIELDS = ['address', 'inbound', 'imapHost', 'imapPort', 'imapSecure', 'imapUser', 'imapPassword', 'imapMailbox'] as const;

interface Running {
  /** The stored settings it was started with (secrets as stored: sealed or `{ env }`). */
  fingerprint: string;
  poller: ImapPoller;
}

/**
 * One IMAP poller per `inbound: imap` email entry point (ADR 0003), following the configuration:
 * `sync()` starts the pollers of entry points added, restarts those whose IMAP settings changed and
 * stops those removed or switched to SMTP. Syncs run one at a time, so an old poller has logged
 * out before its replacement logs in.
 */
export class ImapPollers {
  private readonly running = new Map<string, Running>();
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly core: AppCore,
    private readonly inbound: EmailInbound,
    private readonly maxBytes: number | undefined,
    private readonly log: Logger,
  ) {}

  /** Brings the pollers in line with the directory's entry points; never rejects (failures are logged). */
  sync(): Promise<void> {
    this.queue = this.queue.then(() => this.apply()).catch((err: unknown) => this.log.error({ err: err instanceof Error ? err.message : String(err) }, 'email: IMAP pollers not synced'));
    return this.queue;
  }

  /** The entry points whose poller runs. */
  entryPointIds(): string[] {
    return [...this.running.keys()];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.queue;
    await Promise.all([...this.running.values()].map((r) => r.poller.stop()));
    this.running.clear();
  }

  private wanted(): Map<string, string> {
    const out = new Map<string, string>();
    for (const ep of this.core.directory.entryPoints.values()) {
      if (ep.settings.inbound !== 'imap' || !this.inbound.entryPointFor(String(ep.settings.address ?? ''))) continue;
      out.set(ep.id, JSON.stringify(POLLER_FIELDS.map((f) => ep.settings[f] ?? null)));
    }
    return out;
  }

  private async apply(): Promise<void> {
    if (this.stopped) return;
    const wanted = this.wanted();
    for (const [id, r] of this.running) {
      if (wanted.get(id) === r.fingerprint) continue;
      this.running.delete(id);
      await r.poller.stop();
      this.log.info({ entryPoint: id }, 'email: IMAP poller stopped');
    }
    for (const [id, fingerprint] of wanted) {
      if (this.running.has(id) || this.stopped) continue;
      const poller = this.start(id);
      if (poller) this.running.set(id, { fingerprint, poller });
    }
  }

  /** Starts an entry point's poller with its secrets resolved now; undefined (logged) when they can't be. */
  private start(entryPointId: string): ImapPoller | undefined {
    let s: Record<string, unknown>;
    try {
      s = this.core.entryPoints.resolve(entryPointId)?.settings ?? {};
    } catch (err) {
      this.log.error({ entryPoint: entryPointId, err: err instanceof Error ? err.message : String(err) }, 'email: IMAP poller not started');
      return undefined;
    }
    const secure = s.imapSecure !== false;
    this.log.info({ entryPoint: entryPointId }, 'email: IMAP poller started');
    return startImapPoller({
      host: String(s.imapHost),
      port: typeof s.imapPort === 'number' ? s.imapPort : secure ? DEFAULT_IMAP_PORT.secure : DEFAULT_IMAP_PORT.plain,
      secure,
      user: String(s.imapUser),
      pass: String(s.imapPassword),
      mailbox: typeof s.imapMailbox === 'string' ? s.imapMailbox : undefined,
      maxBytes: this.maxBytes,
      deliver: (raw) => this.inbound.receive(raw),
      onEvent: (e) => {
        if (e.type === 'deliver_failed' || e.type === 'disconnected' || e.type === 'too_large') this.log.warn({ entryPoint: entryPointId, event: e.type }, 'email: IMAP poller');
      },
    });
  }
}
