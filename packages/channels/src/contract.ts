import type { ChannelType, ConversationStatus, MessageDto } from '@parley/protocol';

/**
 * One adapter per channel, registered in `registry.ts`. To add a channel: a folder here with its
 * adapter (verify + parse inbound into the service's calls, deliver outbound, map receipts),
 * its rules in protocol's DEFAULT_CHANNEL_RULES, and one registry line. Provider wire types stay
 * inside the folder.
 */
export interface ChannelAdapter {
  readonly channel: ChannelType;
  /** Sends a customer-visible message; resolves with the status it reached. Never throws. */
  deliver(conversationId: string, message: MessageDto): Promise<DeliveryResult>;
  /**
   * The conversation changed (status, or who handles it): tell the customer where the channel can.
   * `agents`: names of the agents chatting with the customer now, owner first.
   */
  statusChanged(conversationId: string, status: ConversationStatus, agents: string[]): void;
  /** An agent is typing (channels without typing indicators ignore it). */
  agentTyping(conversationId: string, typing: boolean, agentName: string): void;
}

export type DeliveryResult =
  | { status: 'sent' | 'delivered'; providerId?: string }
  | { status: 'failed'; reason: string };
