/**
 * Is an inbound email a customer's message, an automatic reply or a bounce? Auto-replies and bounces
 * never open conversations or offers and are never answered automatically (no mail loops); a bounce
 * updates the delivery status of the mail it reports on.
 *
 * Signals (decided here, documented in packages/channels/README.md):
 * - bounce: `multipart/report; report-type=delivery-status` (or global-delivery-status) with a
 *   delivery-status part. Read receipts (report-type=disposition-notification) are auto-replies.
 * - auto-reply, strong: `Auto-Submitted` other than `no` (RFC 3834), `X-Autoreply`/`X-Autorespond`
 *   (not `no`), `Precedence: bulk|junk|auto_reply|list`, a null return path (`Return-Path: <>`, RFC 3834
 *   §3.3 / RFC 5321 §4.5.5), a mailer-daemon/postmaster sender (bounces that are not DSNs).
 * - weak: only a subject like "Automatic reply:", "Out of Office", "自动回复". A person can write such
 *   a subject, so it stays a `message`, flagged `suspectedAutoReply`: store and show it, but never
 *   answer it automatically.
 */
import { dsnFieldGroups, dsnRecipients, isDeliveryStatusPart, reportedMessageId, type DsnAction } from './dsn';
import type { EmailMessage } from './message';

export interface BounceReport {
  /** The Message-ID (bare) of our mail that bounced; null when the report does not say. */
  originalMessageId: string | null;
  /** The most severe action among the recipients (failed > delayed > delivered/relayed/expanded). */
  action: DsnAction | null;
  status: string | null;
  diagnostic: string | null;
  recipient: string | null;
  /** `failed` with a 5.x.x status (or none): stop retrying this address. */
  permanent: boolean;
}

export interface EmailClassification {
  kind: 'message' | 'auto_reply' | 'bounce';
  /** Which signals decided it, e.g. `auto-submitted:auto-replied` (for logs and tests). */
  reasons: string[];
  suspectedAutoReply: boolean;
  bounce?: BounceReport;
}

const PRECEDENCE_AUTO = new Set(['bulk', 'junk', 'auto_reply', 'list']);
const DAEMON_SENDER = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const OOO_SUBJECT =
  /^\s*(automatic reply|auto(?:matic)?[- ]?(?:reply|response)|autoreply|auto:|out of (?:the )?office|ooo\b|abwesenheitsnotiz|réponse automatique|absence|respuesta automática|risposta automatica|自动回复|自動回覆|自動返信|不在)/i;
const SEVERITY: Record<DsnAction, number> = { failed: 3, delayed: 2, delivered: 1, relayed: 1, expanded: 1 };

export function classifyEmail(message: EmailMessage): EmailClassification {
  const suspectedAutoReply = OOO_SUBJECT.test(message.subject);
  const bounce = bounceOf(message);
  if (bounce) return { kind: 'bounce', reasons: [`report-type:${message.reportType}`], suspectedAutoReply, bounce };
  const reasons = autoReplyReasons(message);
  return { kind: reasons.length ? 'auto_reply' : 'message', reasons, suspectedAutoReply };
}

/** A bounce's effect on the mail it concerns: `failed`, `delivered`, or null (delayed: keep waiting). */
export function bounceDeliveryStatus(bounce: BounceReport): 'failed' | 'delivered' | null {
  if (bounce.action === 'failed') return 'failed';
  if (bounce.action === 'delivered' || bounce.action === 'relayed' || bounce.action === 'expanded') return 'delivered';
  return null;
}

function autoReplyReasons(m: EmailMessage): string[] {
  const h = m.headers;
  const reasons: string[] = [];
  const autoSubmitted = (h['auto-submitted'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (autoSubmitted && autoSubmitted !== 'no') reasons.push(`auto-submitted:${autoSubmitted}`);
  for (const name of ['x-autoreply', 'x-autorespond'] as const) {
    const v = h[name];
    if (v !== undefined && v.trim().toLowerCase() !== 'no') reasons.push(name);
  }
  const precedence = (h.precedence ?? '').trim().toLowerCase();
  if (PRECEDENCE_AUTO.has(precedence)) reasons.push(`precedence:${precedence}`);
  if (/^<\s*>$/.test((h['return-path'] ?? '').trim())) reasons.push('null-return-path');
  if (m.from && DAEMON_SENDER.test(m.from.address)) reasons.push('daemon-sender');
  if (m.contentType === 'multipart/report' && m.reportType) reasons.push(`report-type:${m.reportType}`);
  return reasons;
}

function bounceOf(m: EmailMessage): BounceReport | null {
  if (m.contentType !== 'multipart/report') return null;
  if (m.reportType !== 'delivery-status' && m.reportType !== 'global-delivery-status') return null;
  const part = m.attachments.find(isDeliveryStatusPart);
  if (!part) return null;
  const groups = dsnFieldGroups(part.content.toString('utf8'));
  const recipients = dsnRecipients(groups);
  const worst = [...recipients].sort((a, b) => (b.action ? SEVERITY[b.action] : 0) - (a.action ? SEVERITY[a.action] : 0))[0];
  const action = worst?.action ?? null;
  const status = worst?.status ?? null;
  return {
    originalMessageId: reportedMessageId(groups, m.attachments),
    action,
    status,
    diagnostic: worst?.diagnostic ?? null,
    recipient: worst?.recipient ?? null,
    permanent: action === 'failed' && (status === null || status.startsWith('5')),
  };
}
