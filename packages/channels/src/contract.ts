import type { ChannelRules, ChannelType, ConversationStatus, MessageDto } from '@parley/protocol';
import type { ProviderRequest, ProviderResponse } from './pipeline/http';
import type { InboundEvent, MediaRef } from './pipeline/inbound-events';
import type { AckResult, OutboundMessage, SendFailure, SendResult } from './pipeline/outbound';
import type { ChannelSettingsSpec } from './settings/registry';
import type { UploadFile } from './pipeline/upload';

/**
 * One adapter per channel, registered in `registry.ts` (docs/adr/0002-channel-pipeline.md). To add a
 * channel: a folder here with its adapter and one registry line. The server's pipeline reads only this
 * contract: it never names a channel. Provider wire types stay inside the folder.
 */
export interface ChannelAdapter<S = unknown> {
  readonly channel: ChannelType;
  /** Limits and how they are counted, the reply window, what the customer sees, transfer and conference. */
  readonly rules: ChannelRules;
  /** What an entry point of this channel needs (ids and secrets); absent when it takes none. */
  readonly settings?: ChannelSettingsSpec;
  /**
   * The customer's connection is known (web chat's socket): an unanswered conversation whose customer
   * left is abandoned, and after a restart every such customer counts as away.
   */
  readonly tracksPresence?: boolean;
  /** Provider traffic in; absent for channels that have no webhook (web chat talks over our own socket). */
  readonly webhook?: WebhookSpec<S>;
  /**
   * The provider id an outbound message will have, known before sending (email: the Message-ID we
   * generate), stored with it so a reply quoting it finds it before the send is confirmed.
   */
  outboundProviderId?(messageId: string, settings: Record<string, unknown>): string | undefined;
  /**
   * Whether an entry point with these settings can send files at all, beyond the channel's rules
   * (Twilio MMS: US and Canadian numbers only). Absent: wherever the rules allow attachments.
   */
  carriesMedia?(settings: Record<string, unknown>): boolean;
  /** Performs one outbound message (at least once: the outbox retries retryable failures). */
  send(msg: OutboundMessage, ctx: SendContext<S>): Promise<SendResult>;
  /** Downloads one inbound media item into our storage. */
  fetchMedia?(ref: MediaRef, ctx: ProviderContext<S>): Promise<FetchedMedia | SendFailure>;
  /** The customer's display name from the provider, for ids that come without one (Messenger PSIDs). */
  profile?(externalId: string, ctx: ProviderContext<S>): Promise<{ ok: true; name: string | null } | SendFailure>;
  /** Tells the provider an agent has seen a customer's message (WhatsApp blue ticks). */
  markRead?(providerMessageId: string, ctx: ProviderContext<S>): Promise<AckResult>;
  /** The conversation changed (status, who handles it): tell the customer where the channel can. */
  conversationChanged?(conversationId: string, status: ConversationStatus, agents: string[]): void;
  /** An agent is typing (channels without typing indicators leave it out). */
  agentTyping?(conversationId: string, typing: boolean, agentName: string): void;
}

/** Provider-wide settings, defaults filled, secrets resolved (the config file's `providers:`). */
export interface ResolvedProviders {
  /** Absent when the config file has no `providers.meta`: Meta webhooks are then refused. */
  meta?: { appSecret: string; verifyToken: string };
  graph: { baseUrl: string; apiVersion: string };
  twilio: { apiBaseUrl: string };
}

/** Performs one provider request (the server's HTTP edge: fetch with the signal, no redirects to follow blindly). */
export type ProviderHttp = (req: ProviderRequest, signal?: AbortSignal) => Promise<ProviderResponse | { networkError: string }>;

/** An SMTP relay (the business's outgoing mail server) as a channel's settings name it. */
export interface SmtpRelayConfig {
  host: string;
  port: number;
  /** Implicit TLS (465); otherwise STARTTLS when offered. */
  secure: boolean;
  auth?: { user: string; pass: string };
}

/** Hands one finished RFC 5322 message to a relay (the server's SMTP edge); never throws. */
export type ProviderSmtp = (relay: SmtpRelayConfig, envelope: { from: string; to: string[] }, raw: Buffer, signal?: AbortSignal) => Promise<SendResult>;

export interface ProviderContext<S> {
  /** The entry point's settings, secrets resolved at the moment of use. */
  settings: S;
  providers: ResolvedProviders;
  http: ProviderHttp;
  /** The SMTP edge, for channels that send mail rather than HTTP (email). */
  smtp?: ProviderSmtp;
  now(): number;
  signal?: AbortSignal;
}

export interface SendContext<S> extends ProviderContext<S> {
  conversationId: string;
  /** The stored message being sent (web chat pushes it as is). */
  message: MessageDto;
  /** The bytes of one of our stored attachments, to upload to a provider that can't fetch our private links. */
  readAttachment(attachmentId: string): Promise<UploadFile | undefined>;
}

export interface FetchedMedia {
  ok: true;
  bytes: Uint8Array;
  mimeType: string;
  filename?: string;
}

/** One webhook request as the HTTP edge received it. */
export interface WebhookRequest {
  /** The exact bytes: signatures cover them. */
  raw: Buffer;
  /** Lower-case header names. */
  headers: Record<string, string | string[] | undefined>;
  /** The URL as the provider called it (scheme and host from the request; Twilio signs the configured public URL). */
  url: string;
}

/** What the webhook's checks concluded. `unknown_entry_point`: answer 2xx (providers retry otherwise), log, store nothing. */
export type WebhookVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string } | { ok: false; status: 'unknown_entry_point'; key: string };

export interface WebhookContext<S> {
  providers: ResolvedProviders;
  /** The settings of this channel's entry point named `key` by the provider (phone-number id, page id, number). */
  settingsFor(key: string): S | undefined;
}

export interface WebhookSpec<S> {
  /** e.g. `/webhooks/whatsapp`. */
  path: string;
  /** Checks the signature on the raw bytes; never throws. */
  verify(req: WebhookRequest, ctx: WebhookContext<S>): WebhookVerdict;
  /**
   * Pure and total: any bytes give events (what can't be mapped becomes a notice), never an exception.
   * `url`: the request's path and query as called (signed with it where the provider signs the URL).
   */
  parse(raw: Buffer, receivedAt: number, url?: string): InboundEvent[];
  /** What a provider expects as a success answer (e.g. Twilio's empty TwiML). */
  ack(): { status: 200; contentType: string; body: string };
  /** Meta's GET verification handshake. */
  handshake?(query: Record<string, unknown>, providers: ResolvedProviders): { status: 200 | 400 | 403; body: string };
}

/** Runs requests in order, stopping at the first failure; the last response is interpreted. */
export async function performPlan(
  requests: ProviderRequest[],
  interpret: (res: ProviderResponse) => SendResult,
  ctx: ProviderContext<unknown>,
): Promise<SendResult> {
  let result: SendResult = { ok: false, retryable: false, code: 'invalid_request', reason: 'nothing to send' };
  for (const req of requests) {
    const res = await ctx.http(req, ctx.signal);
    if ('networkError' in res) return { ok: false, retryable: true, code: 'network', reason: res.networkError };
    result = interpret(res);
    if (!result.ok) return result;
  }
  return result;
}
