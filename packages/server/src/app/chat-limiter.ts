import { DomainError, TokenBuckets, TypingGate, type Clock } from '@parley/core';
import type { Limits } from './limits';

/**
 * The per-sender rates of the chat sockets: customer messages (refused with an error, nothing
 * stored) and typing frames (excess dropped silently: typing is advisory).
 */
export class ChatLimiter {
  private readonly messages: TokenBuckets<string>;
  private readonly customerTypingGate: TypingGate<string>;
  private readonly agentTypingGate: TypingGate<string>;

  constructor(
    readonly limits: Limits,
    clock: Clock,
  ) {
    this.messages = new TokenBuckets(limits.customerMessages, clock);
    this.customerTypingGate = new TypingGate(limits.typing, clock);
    this.agentTypingGate = new TypingGate(limits.typing, clock);
  }

  /** Takes one message from the chat session's allowance, or throws PARLEY_ERR_RATE_LIMITED. */
  customerMessage(conversationId: string): void {
    if (this.messages.take(conversationId)) return;
    const seconds = Math.max(1, Math.ceil(this.messages.waitMs(conversationId) / 1000));
    throw new DomainError('PARLEY_ERR_RATE_LIMITED', `Too many messages at once: this one was not sent; try again in ${seconds} s`);
  }

  /** A message that was refused after its token was taken (invalid, chat ended) costs nothing. */
  refundCustomerMessage(conversationId: string): void {
    this.messages.giveBack(conversationId);
  }

  /** Whether a customer's typing frame is passed on to agents. */
  customerTyping(conversationId: string, typing: boolean): boolean {
    return this.customerTypingGate.allow(conversationId, typing);
  }

  /** Whether an agent's typing frame is passed on to the customer and the other agents. */
  agentTyping(agentId: string, conversationId: string, typing: boolean): boolean {
    return this.agentTypingGate.allow(`${agentId} ${conversationId}`, typing);
  }
}
