import type { Logger } from 'pino';
import type { AppCore } from '../core';
import { EmailInbound } from '../inbound/email';
import { startImapPoller, type ImapPoller } from './imap-poller';
import { startSmtpListener, type SmtpListener } from './smtp-listener';

/** The SMTP listener's server settings (one listener serves every mailbox: ADR 0003). */
export interface SmtpListenSettings {
  host: string;
  /** 0: a free port (read back from `EmailEdges.smtp`). */
  port: number;
  maxBytes: number;
}

export interface EmailEdges {
  inbound: EmailInbound;
  /** Where the listener answers, when one runs: the bound address and port (printed at start). */
  smtp?: { host: string; port: number };
  /** The listener's port, when one runs. */
  smtpPort?: number;
  stop: () => Promise<void>;
}

const DEFAULT_IMAP_PORT = { secure: 993, plain: 143 };

/**
 * Mail in: the SMTP listener (when configured) for the email entry points' addresses, and one IMAP
 * poller per `inbound: imap` entry point (its secrets resolved at start). Both call `receiveEmail`.
 */
export async function startEmailEdges(core: AppCore, smtp: SmtpListenSettings | undefined, log: Logger): Promise<EmailEdges> {
  const inbound = new EmailInbound(core);
  const pollers: ImapPoller[] = [];
  for (const ep of core.directory.entryPoints.values()) {
    if (ep.settings.inbound !== 'imap' || !inbound.entryPointFor(String(ep.settings.address ?? ''))) continue;
    let s: Record<string, unknown>;
    try {
      s = core.entryPoints.resolve(ep.id)?.settings ?? {};
    } catch (err) {
      log.error({ entryPoint: ep.id, err: err instanceof Error ? err.message : String(err) }, 'email: IMAP poller not started');
      continue;
    }
    const secure = s.imapSecure !== false;
    pollers.push(
      startImapPoller({
        host: String(s.imapHost),
        port: typeof s.imapPort === 'number' ? s.imapPort : secure ? DEFAULT_IMAP_PORT.secure : DEFAULT_IMAP_PORT.plain,
        secure,
        user: String(s.imapUser),
        pass: String(s.imapPassword),
        mailbox: typeof s.imapMailbox === 'string' ? s.imapMailbox : undefined,
        maxBytes: smtp?.maxBytes,
        deliver: (raw) => inbound.receive(raw),
        onEvent: (e) => {
          if (e.type === 'deliver_failed' || e.type === 'disconnected' || e.type === 'too_large') log.warn({ entryPoint: ep.id, event: e.type }, 'email: IMAP poller');
        },
      }),
    );
  }
  let listener: SmtpListener | undefined;
  if (smtp) {
    listener = await startSmtpListener({
      host: smtp.host,
      port: smtp.port,
      maxBytes: smtp.maxBytes,
      acceptsRecipient: (address) => inbound.entryPointFor(address) !== undefined,
      deliver: (raw, envelope) => inbound.receive(raw, envelope),
      onError: (err) => log.warn({ err: err.message }, 'email: SMTP listener'),
    });
    log.info({ host: listener.host, port: listener.port }, 'email: SMTP listener listening');
  }
  return {
    inbound,
    ...(listener ? { smtp: { host: listener.host, port: listener.port }, smtpPort: listener.port } : {}),
    stop: async () => {
      await listener?.stop(1_000);
      await Promise.all(pollers.map((p) => p.stop()));
    },
  };
}
