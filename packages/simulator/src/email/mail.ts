/** One email the simulated customer sent or received, as their mail client would list it. */
export interface SimMail {
  /** The simulator's own id for the mail (what the page's Reply names). */
  id: string;
  /** `in`: the customer wrote to the business. `out`: Parley's mail, caught by the SMTP sink. */
  direction: 'in' | 'out';
  /** The customer addresses whose inbox shows it (lower case): the sender of an `in` mail, every To/Cc of an `out` one. */
  customers: string[];
  at: number;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  /** The plain text (for an HTML-only mail, the text mailparser derives from it): never shown as markup. */
  text: string;
  /** The mail had an HTML part. */
  hasHtml: boolean;
  attachments: string[];
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  /** `in` mails: whether Parley's SMTP listener accepted it (`delivered`) or refused it (`failed`). */
  status: 'sending' | 'delivered' | 'failed' | 'received';
  error?: string;
}

export const normalizeAddress = (address: string) => address.trim().toLowerCase();
