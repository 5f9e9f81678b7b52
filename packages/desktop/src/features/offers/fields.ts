import type { ChannelRules, ConversationDto, ConversationField } from '@parley/protocol';
import type { MessageKey } from '../i18n/en';

export interface Field {
  key: MessageKey;
  value: string;
  /** A translated qualifier shown after the value (the kind of an SMS source number). */
  noteKey?: MessageKey;
  /** An e-mail address: shown with line-break opportunities. */
  address?: boolean;
}

type Fact = Omit<Field, 'key'>;
const address = (c: ConversationDto): Fact => ({ value: c.customer.email ?? '', address: true });
const phone = (c: ConversationDto): Fact => ({ value: c.customer.phone ?? '' });

/** Each conversation fact the channel rules can ask for: its label and how to read it. */
const FACTS: Record<ConversationField, { key: MessageKey; read: (c: ConversationDto) => Fact }> = {
  customerName: { key: 'field.customerName', read: (c) => ({ value: c.customer.name }) },
  email: { key: 'field.email', read: address },
  emailAddress: { key: 'field.emailAddress', read: address },
  customerPhone: { key: 'field.customerPhone', read: phone },
  phone: { key: 'field.phone', read: phone },
  sourcePage: { key: 'field.sourcePage', read: (c) => ({ value: c.entryPointName }) },
  sourceNumber: {
    key: 'field.sourceNumber',
    read: (c) => {
      const kind = c.entryPointNumberKind;
      return { value: c.entryPointAddress || c.entryPointName, ...(kind ? { noteKey: `numberKind.${kind}` as const } : {}) };
    },
  },
  queue: { key: 'field.queue', read: (c) => ({ value: c.queueName }) },
};

/** One conversation fact as a labelled field (empty value when the conversation has none). */
export function conversationField(c: ConversationDto, field: ConversationField): Field {
  const fact = FACTS[field];
  return { key: fact.key, ...fact.read(c) };
}

function fields(c: ConversationDto, list: readonly ConversationField[]): Field[] {
  return list.map((f) => conversationField(c, f)).filter((f) => f.value);
}

/** The fields an offer shows, as the channel's rules list them (SPEC F1); the timer is rendered separately. */
export function offerFields(c: ConversationDto, rules: ChannelRules): Field[] {
  return fields(c, rules.offerFields);
}

/** The pane's extra facts (SPEC F3), besides the customer, queue, agent, date and timer it always shows. */
export function paneFields(c: ConversationDto, rules: ChannelRules): Field[] {
  return fields(
    c,
    rules.paneFields.filter((f) => f !== 'queue' && f !== 'customerName'),
  );
}

/** What to call the customer in lists: name, else phone, else email. */
export function customerTitle(c: ConversationDto): string {
  return c.customer.name || c.customer.phone || c.customer.email || c.id;
}
