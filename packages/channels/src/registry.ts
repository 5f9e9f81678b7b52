import type { ChannelType } from '@parley/protocol';
import type { ChannelAdapter } from './contract';
import { WebchatAdapter } from './webchat/customer-hub';

/** The one list of channel adapters. Channels not built yet have no adapter: routing works, delivery fails clearly. */
export function createAdapters(): { webchat: WebchatAdapter; byChannel: Map<ChannelType, ChannelAdapter> } {
  const webchat = new WebchatAdapter();
  const byChannel = new Map<ChannelType, ChannelAdapter>([[webchat.channel, webchat]]);
  return { webchat, byChannel };
}
