import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { mailId } from '../ids';
import type { Sim } from '../sim';
import type { EmailSend } from './input';
import type { SimMail } from './mail';

export type Delivery = { mail: SimMail } | { refused: string; status: number };

/**
 * The customer's mail client: hands one mail to Parley's SMTP listener (as the customer's provider
 * would), with a fresh Message-ID and, on a reply, In-Reply-To/References of the mail answered, so
 * Parley threads it into the same conversation. Resolves once Parley answered.
 */
export async function customerMails(sim: Sim, send: EmailSend): Promise<Delivery> {
  const target = sim.parley.smtp;
  if (!target) return { refused: "the simulator does not know Parley's SMTP listener (PARLEY_SMTP_URL)", status: 409 };
  // Only a mail in this customer's own mailbox can be answered, as in a real mail client.
  const answered = send.replyTo ? sim.state.mail.find((m) => m.id === send.replyTo && m.direction === 'out' && m.customers.includes(send.customer)) : undefined;
  if (send.replyTo && !answered) return { refused: 'no such received email to reply to', status: 404 };
  const domain = send.customer.split('@')[1];
  const messageId = `<${randomBytes(12).toString('hex')}@${domain}>`;
  const subject = send.subject || (answered && /^re:/i.test(answered.subject) ? answered.subject : `Re: ${answered?.subject ?? ''}`);
  const references = answered ? [...(answered.references ?? []), answered.messageId].filter(Boolean) : [];
  const to = sim.accounts.email.address;
  const mail = sim.state.addMail({
    id: mailId(),
    direction: 'in',
    customers: [send.customer],
    at: sim.state.now(),
    from: `${send.name} <${send.customer}>`,
    to: [to],
    cc: [],
    subject,
    text: send.text,
    hasHtml: false,
    attachments: send.attachment ? [send.attachment.filename] : [],
    messageId,
    ...(answered ? { inReplyTo: answered.messageId, references } : {}),
    status: 'sending',
  });
  const transport = nodemailer.createTransport({ host: target.host, port: target.port, secure: false, ignoreTLS: true, logger: false });
  try {
    await transport.sendMail({
      from: { name: send.name, address: send.customer },
      to,
      subject,
      text: send.text,
      messageId,
      ...(answered ? { inReplyTo: answered.messageId, references } : {}),
      ...(send.attachment ? { attachments: [{ filename: send.attachment.filename, contentType: send.attachment.contentType, content: send.attachment.content }] } : {}),
    });
    sim.state.setMailStatus(mail, 'delivered');
  } catch (err) {
    sim.state.setMailStatus(mail, 'failed', (err as Error).message);
  } finally {
    transport.close();
  }
  return { mail };
}
