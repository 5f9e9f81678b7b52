/** The provider accounts the simulator plays. Every value is configurable; the demo ones are fakes. */
export interface WhatsAppAccount {
  wabaId: string;
  phoneNumberId: string;
  /** Digits only, as Meta puts it in `metadata.display_phone_number`. */
  displayPhoneNumber: string;
  accessToken: string;
}

export interface MessengerAccount {
  pageId: string;
  pageAccessToken: string;
  /** The app id Meta puts on echoes of the app's own sends (`message.app_id`). */
  appId: number;
}

export type SmsNumberKind = 'long_code' | 'toll_free' | 'short_code';

export interface SmsAccount {
  accountSid: string;
  authToken: string;
  /** Our number, E.164. */
  number: string;
  numberKind: SmsNumberKind;
  /** When set, sends may use `MessagingServiceSid` instead of `From`. */
  messagingServiceSid?: string;
  /**
   * The URL configured in "A message comes in", exactly as Parley rebuilds it from its own
   * configuration: Twilio signs against this URL (§3.2) even when it reaches Parley through a proxy.
   * Defaults to the URL the simulator actually posts to.
   */
  publicWebhookUrl?: string;
  /** "Enforce HTTP Auth on Media URLs": inbound MMS media then needs HTTP Basic (off by default, as at Twilio). */
  enforceMediaAuth?: boolean;
}

export interface MetaApp {
  /** Signs every Meta webhook (X-Hub-Signature-256). */
  appSecret: string;
  /** What the dashboard would send as hub.verify_token in the GET handshake. */
  verifyToken: string;
}

export interface EmailAccount {
  /** The business mailbox the customer writes to (Parley's email entry point `address`). */
  address: string;
}

export interface SimulatorAccounts {
  meta: MetaApp;
  whatsapp: WhatsAppAccount;
  messenger: MessengerAccount;
  sms: SmsAccount;
  email: EmailAccount;
}

/** Fake demo accounts, shaped like the real ones (ids from the wire-format examples). */
export const DEMO_ACCOUNTS: SimulatorAccounts = {
  meta: { appSecret: 'sim-meta-app-secret', verifyToken: 'sim-verify-token' },
  whatsapp: { wabaId: '102290129340398', phoneNumberId: '106540352242922', displayPhoneNumber: '15550783881', accessToken: 'sim-whatsapp-token' },
  messenger: { pageId: '1234567890', pageAccessToken: 'sim-page-token', appId: 1517776481860111 },
  sms: { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'sim-twilio-auth-token', number: '+15005550006', numberKind: 'long_code' },
  email: { address: 'support@parley.example' },
};

export interface DeepPartialAccounts {
  meta?: Partial<MetaApp>;
  whatsapp?: Partial<WhatsAppAccount>;
  messenger?: Partial<MessengerAccount>;
  sms?: Partial<SmsAccount>;
  email?: Partial<EmailAccount>;
}

export function resolveAccounts(given: DeepPartialAccounts = {}): SimulatorAccounts {
  return {
    meta: { ...DEMO_ACCOUNTS.meta, ...given.meta },
    whatsapp: { ...DEMO_ACCOUNTS.whatsapp, ...given.whatsapp },
    messenger: { ...DEMO_ACCOUNTS.messenger, ...given.messenger },
    sms: { ...DEMO_ACCOUNTS.sms, ...given.sms },
    email: { ...DEMO_ACCOUNTS.email, ...given.email },
  };
}

/**
 * Where Parley listens: the simulator posts to `{webhookBase}/webhooks/{whatsapp|messenger|sms}` and
 * delivers the customers' emails to Parley's SMTP listener at `smtp` (none: email sends are refused).
 * A test that starts Parley after the simulator may set `smtp` on the running simulator's `parley`.
 */
export interface ParleyTarget {
  webhookBase: string;
  smtp?: { host: string; port: number };
}

/** `smtp://host:port` → `{host, port}`, or undefined when it is not one. */
export function parseSmtpUrl(url: string): { host: string; port: number } | undefined {
  const m = /^smtp:\/\/(\[[^\]]+\]|[^:/\s]+):(\d{1,5})\/?$/.exec(url.trim());
  const port = Number(m?.[2]);
  if (!m?.[1] || !port || port > 65535) return undefined;
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

export type Channel = 'whatsapp' | 'messenger' | 'sms';

export function webhookUrl(parley: ParleyTarget, channel: Channel): string {
  return `${parley.webhookBase.replace(/\/+$/, '')}/webhooks/${channel}`;
}
