import type { EmailDetailsDto } from '@parley/protocol';
import type { EmailSendPart } from './unsent';

/** How an email being sent shows in the thread until the server answers with the stored one. */
export function pendingEmail(e: EmailSendPart): EmailDetailsDto {
  return {
    subject: e.subject,
    from: { address: '' },
    to: e.to.map((address) => ({ address })),
    cc: e.cc.map((address) => ({ address })),
    messageId: '',
    html: null,
  };
}
