import type { ConversationDto } from '@parley/protocol';
import type { MessageKey } from '../i18n/en';

export interface Field {
  key: MessageKey;
  value: string;
}

/** The fields an offer shows per channel (SPEC F1); the timer is rendered separately. */
export function offerFields(c: ConversationDto): Field[] {
  const name = c.customer.name;
  const email = c.customer.email ?? '';
  const phone = c.customer.phone ?? '';
  const source = c.entryPointAddress || c.entryPointName;
  const rows: Field[] = (() => {
    switch (c.channel) {
      case 'messenger':
        return [
          { key: 'field.queue', value: c.queueName },
          { key: 'field.sourcePage', value: c.entryPointName },
        ];
      case 'sms':
        return [
          { key: 'field.queue', value: c.queueName },
          { key: 'field.phone', value: phone },
          { key: 'field.sourceNumber', value: source },
        ];
      case 'webchat':
        return [
          { key: 'field.customerName', value: name },
          { key: 'field.email', value: email },
          { key: 'field.queue', value: c.queueName },
        ];
      case 'email':
        return [
          { key: 'field.customerName', value: name },
          { key: 'field.emailAddress', value: email },
          { key: 'field.queue', value: c.queueName },
        ];
      case 'whatsapp':
        return [
          { key: 'field.customerName', value: name },
          { key: 'field.customerPhone', value: phone },
          { key: 'field.sourceNumber', value: source },
          { key: 'field.queue', value: c.queueName },
        ];
    }
  })();
  return rows.filter((r) => r.value);
}

/** What to call the customer in lists: name, else phone, else email. */
export function customerTitle(c: ConversationDto): string {
  return c.customer.name || c.customer.phone || c.customer.email || c.id;
}
