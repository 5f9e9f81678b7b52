import type { Logger } from 'pino';
import type { AppCore } from '../core';
import { EmailInbound } from '../inbound/email';
import { ImapPollers } from './imap-pollers';
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
  /** After an admin change: IMAP pollers start, restart or stop to match the entry points (not awaited by the change). */
  entryPointsChanged: () => Promise<void>;
  /** The entry points whose IMAP poller runs. */
  imapPollers: () => string[];
  stop: () => Promise<void>;
}

/**
 * Mail in: the SMTP listener (when configured) for the email entry points' addresses, and one IMAP
 * poller per `inbound: imap` entry point, following admin changes (`entryPointsChanged`). Both call
 * `receiveEmail`.
 */
export async function startEmailEdges(core: AppCore, smtp: SmtpListenSettings | undefined, log: Logger): Promise<EmailEdges> {
  const inbound = new EmailInbound(core);
  const pollers = new ImapPollers(core, inbound, smtp?.maxBytes, log);
  await pollers.sync();
  let listener: SmtpListener | undefined;
  if (smtp) {
    listener = await startSmtpListener({
      host: smtp.host,
      port: smtp.port,
      maxBytes: smtp.maxBytes,
      acceptsRecipient: (address) => inbound.entryPointFor(address) !== undefined,
      deliver: (raw, envelope) => inbound.receive(raw, envelope),
      onError: (err) => log.warn({ err: err.message }, 'email: SMTP listener'),
    }).catch(async (err: unknown) => {
      await pollers.stop(); // the start fails: nothing keeps running
      throw err;
    });
    log.info({ host: listener.host, port: listener.port }, 'email: SMTP listener listening');
  }
  return {
    inbound,
    ...(listener ? { smtp: { host: listener.host, port: listener.port }, smtpPort: listener.port } : {}),
    entryPointsChanged: () => pollers.sync(),
    imapPollers: () => pollers.entryPointIds(),
    stop: async () => {
      await listener?.stop(1_000);
      await pollers.stop();
    },
  };
}
