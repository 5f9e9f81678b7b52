/**
 * The open conversation of each (entry point, customer): where a customer's next message goes. A
 * conversation leaves the index when it ends; the next message then starts a new one.
 */
export class OpenConversations {
  private readonly byCustomer = new Map<string, string>();

  private static key(entryPointId: string, customerId: string): string {
    return `${entryPointId}\u0000${customerId}`;
  }

  get(entryPointId: string, customerId: string): string | undefined {
    return this.byCustomer.get(OpenConversations.key(entryPointId, customerId));
  }

  set(entryPointId: string, customerId: string, conversationId: string): void {
    this.byCustomer.set(OpenConversations.key(entryPointId, customerId), conversationId);
  }

  delete(entryPointId: string, customerId: string, conversationId: string): void {
    const key = OpenConversations.key(entryPointId, customerId);
    if (this.byCustomer.get(key) === conversationId) this.byCustomer.delete(key);
  }
}
