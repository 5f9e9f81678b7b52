import type { ChannelRules, ChannelType } from './domain';

const MB = 1024 * 1024;
const base = {
  maxMessageLength: 1000,
  maxAttachmentBytes: 10 * MB,
  richFormatting: 'none',
  emoji: false,
  multiWrapup: false,
  conference: true,
  transferToAgent: true,
  customerCanEnd: false,
  deliveryReceipts: false,
  readReceipts: false,
  notifications: true,
  keyboardShortcuts: true,
  templates: true,
} as const;

/** Default channel rules (SPEC F4, F5–F8); limits are overridable in the config file. */
export const DEFAULT_CHANNEL_RULES: Record<ChannelType, ChannelRules> = {
  messenger: { ...base, channel: 'messenger', attachments: true, maxAttachmentBytes: 25 * MB, richFormatting: 'whatsapp', deliveryReceipts: true },
  sms: { ...base, channel: 'sms', attachments: false, deliveryReceipts: true },
  webchat: { ...base, channel: 'webchat', attachments: true, multiWrapup: true, customerCanEnd: true, deliveryReceipts: true },
  email: {
    ...base,
    channel: 'email',
    maxMessageLength: 100_000,
    attachments: true,
    richFormatting: 'html',
    conference: false,
    transferToAgent: false,
    notifications: false,
    keyboardShortcuts: false,
    deliveryReceipts: true,
  },
  whatsapp: {
    ...base,
    channel: 'whatsapp',
    maxMessageLength: 4096,
    attachments: true,
    maxAttachmentBytes: 16 * MB,
    richFormatting: 'whatsapp',
    emoji: true,
    multiWrapup: true,
    customerCanEnd: true,
    deliveryReceipts: true,
    readReceipts: true,
  },
};
