import type { ChannelType } from '@parley/protocol';
import type { ChannelAdapter } from './contract';
import { emailAdapter } from './email/adapter';
import { messengerAdapter } from './messenger/adapter';
import { smsAdapter } from './sms/adapter';
import { WebchatAdapter } from './webchat/customer-hub';
import { whatsappAdapter } from './whatsapp/adapter';

/** The channels this server speaks, one adapter each. The pipeline reads them; nothing else names a channel. */
export interface ChannelRegistry {
  /** Web chat's socket hub (the widget's WebSocket route attaches customers to it). */
  readonly webchat: WebchatAdapter;
  get(channel: string): ChannelAdapter | undefined;
  all(): ChannelAdapter[];
}

/** The one list of channel adapters. */
export function createChannels(): ChannelRegistry {
  const webchat = new WebchatAdapter();
  const adapters = [webchat.adapter, whatsappAdapter, messengerAdapter, smsAdapter, emailAdapter] as ChannelAdapter[];
  const byChannel = new Map<string, ChannelAdapter>(adapters.map((a) => [a.channel, a]));
  return {
    webchat,
    get: (channel: ChannelType | string) => byChannel.get(channel),
    all: () => adapters,
  };
}
