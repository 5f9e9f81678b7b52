/**
 * Delivery status notifications (RFC 3464, RFC 6533 for the UTF-8 variant): the fields of a
 * message/delivery-status part, and the Message-ID of the mail it reports on, read from an
 * Original-Message-ID field or the returned message/headers part. Pure and total.
 */
import { bareMessageId, type EmailAttachment } from './message';

export type DsnAction = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';

export interface DsnRecipient {
  /** Final-Recipient without its address type (`rfc822;`). */
  recipient: string | null;
  /** Action (RFC 3464 §2.3.3); null when missing or not one of the five. */
  action: DsnAction | null;
  /** Status code such as `5.1.1`; null when missing. */
  status: string | null;
  /** Diagnostic-Code without its type (`smtp;`), unfolded. */
  diagnostic: string | null;
}

const STATUS_PARTS = new Set(['message/delivery-status', 'message/global-delivery-status']);
const RETURNED_PARTS = new Set(['message/rfc822', 'message/global', 'text/rfc822-headers', 'message/rfc822-headers', 'message/global-headers']);
const ACTIONS = new Set<string>(['failed', 'delayed', 'delivered', 'relayed', 'expanded']);

export function isDeliveryStatusPart(a: Pick<EmailAttachment, 'contentType'>): boolean {
  return STATUS_PARTS.has(a.contentType);
}

/** Field groups of a delivery-status body: [per-message fields, ...per-recipient fields]. */
export function dsnFieldGroups(body: string): Record<string, string>[] {
  const unfolded = body.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ');
  return unfolded
    .split(/\n\s*\n/)
    .map((block) => {
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        const m = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(line);
        if (m && !((m[1] as string).toLowerCase() in fields)) fields[(m[1] as string).toLowerCase()] = (m[2] as string).trim();
      }
      return fields;
    })
    .filter((f) => Object.keys(f).length > 0);
}

export function dsnRecipients(groups: Record<string, string>[]): DsnRecipient[] {
  return groups
    .filter((g) => 'final-recipient' in g || 'action' in g || 'original-recipient' in g)
    .map((g) => {
      const action = (g.action ?? '').toLowerCase().split(/[\s(]/)[0] ?? '';
      const status = /\d\.\d{1,3}\.\d{1,3}/.exec(g.status ?? '');
      return {
        recipient: typedValue(g['final-recipient'] ?? g['original-recipient']),
        action: ACTIONS.has(action) ? (action as DsnAction) : null,
        status: status ? status[0] : null,
        diagnostic: typedValue(g['diagnostic-code']),
      };
    });
}

/** The reported mail's Message-ID: an (X-)Original-Message-ID field, else the returned message's headers. */
export function reportedMessageId(groups: Record<string, string>[], attachments: readonly EmailAttachment[]): string | null {
  for (const g of groups) {
    const id = bareMessageId(g['original-message-id'] ?? g['x-original-message-id'] ?? '');
    if (id) return id;
  }
  for (const a of attachments) {
    if (!RETURNED_PARTS.has(a.contentType)) continue;
    const id = headerValue(a.content.toString('utf8'), 'message-id');
    if (id) return bareMessageId(id.split(/\s+/)[0] ?? '') || null;
  }
  return null;
}

/** `rfc822; a@b` → `a@b`; `smtp; 550 …` → `550 …`. */
function typedValue(v: string | undefined): string | null {
  if (!v) return null;
  const semi = v.indexOf(';');
  const value = (semi >= 0 ? v.slice(semi + 1) : v).trim();
  return value || null;
}

/** One header of a header section (up to the first blank line), unfolded. */
function headerValue(text: string, name: string): string | null {
  const head = text.replace(/\r\n/g, '\n').split(/\n\n/)[0] ?? '';
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name) return line.slice(colon + 1).trim() || null;
  }
  return null;
}
