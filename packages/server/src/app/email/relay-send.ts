import type { ProviderSmtp } from '@parley/channels';
import { sendRaw } from './smtp-sender';

/** The SMTP edge adapters get as `ctx.smtp`: the relay their entry point's settings name, certificates checked. */
export const relaySend: ProviderSmtp = (relay, envelope, raw, signal) =>
  sendRaw({ host: relay.host, port: relay.port, secure: relay.secure, ...(relay.auth ? { auth: relay.auth } : {}) }, envelope, raw, signal);
