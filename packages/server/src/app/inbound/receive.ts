import type { ChannelAdapter, InboundEvent, NoticeEvent } from '@parley/channels';
import * as store from '@parley/storage';
import type { EntryPointRecord } from '@parley/storage';
import type { AppCore } from '../core';
import { noticeRecord } from '../publish/notices';
import { openConversation } from './conversation-for';
import { receiveEcho } from './echo';
import { receiveIdentityChange } from './identity';
import { KeyedSerial } from './keyed-serial';
import { receiveMessage } from './message';
import { receiveReaction } from './reactions';
import { receiveStatus, receiveWatermark } from './receipts';
import { withoutNul } from './without-nul';

/** The customer an event is about, when it names one. */
function customerOf(e: InboundEvent): string | undefined {
  switch (e.type) {
    case 'message':
      return e.customer.externalId;
    case 'watermark':
    case 'reaction':
    case 'echo':
    case 'notice':
      return e.customerExternalId;
    case 'identity_changed':
      return e.previous.waId ?? e.previous.bsuid;
    default:
      return undefined;
  }
}

/**
 * Provider traffic in, one use case for every channel (docs/adr/0002): the webhook's verified, parsed
 * events are all stored before the webhook is answered. One customer's events run one at a time, in
 * payload order, even across concurrent deliveries, so a retry racing its original opens no second
 * conversation; different customers' events run concurrently (their writes share group commits), so
 * a batch of up to 1,000 is answered within the seconds Meta allows. An identity change is a barrier:
 * what came before it is stored first, what follows waits for it (a message from the new number must
 * find the renamed customer). Events for an entry point that is not configured are logged and dropped.
 */
export class InboundEvents {
  private readonly serial = new KeyedSerial();

  constructor(private readonly core: AppCore) {}

  async receive(adapter: ChannelAdapter, events: InboundEvent[]): Promise<void> {
    let running: Promise<void>[] = [];
    for (const raw of events) {
      const e = withoutNul(raw);
      if (e.type === 'identity_changed') {
        await settleAll(running);
        running = [];
        await this.one(adapter, e);
        continue;
      }
      // Started in payload order: `one` queues on its customer's key before its first await.
      running.push(this.one(adapter, e));
    }
    await settleAll(running);
  }

  private async one(adapter: ChannelAdapter, e: InboundEvent): Promise<void> {
    const { core } = this;
    const log = core.deps.log;
    if (e.type === 'error') {
      log.warn({ channel: adapter.channel, entryPointKey: e.entryPointKey, code: e.error.code, title: e.error.title }, 'inbound: the provider reported an error');
      return;
    }
    // One message's receipts in payload order (they are monotonic anyway; this spares the compare-and-set retries).
    if (e.type === 'status') return this.serial.run(`status\u0000${adapter.channel}\u0000${e.providerMessageId}`, () => receiveStatus(core, adapter, e));
    const key = e.entryPointKey;
    const ep = key === undefined ? undefined : core.entryPoints.findByProviderKey(adapter.channel, key);
    if (!ep) {
      log.warn({ channel: adapter.channel, entryPointKey: key, event: e.type }, 'inbound: no entry point is configured for this provider id: event dropped');
      return;
    }
    const who = customerOf(e);
    const run = () => this.apply(adapter, ep, e);
    await (who === undefined ? run() : this.serial.run(`${adapter.channel}\u0000${ep.id}\u0000${who}`, run));
  }

  private async apply(adapter: ChannelAdapter, ep: EntryPointRecord, e: InboundEvent): Promise<void> {
    const { core } = this;
    switch (e.type) {
      case 'message':
        // One provider id at a time too: the same message id under two senders (a malformed or
        // hostile batch) is stored once and opens no empty conversation for the second.
        return this.serial.run(`message\u0000${adapter.channel}\u0000${e.providerMessageId}`, () => receiveMessage(core, adapter, ep, e));
      case 'watermark':
        return receiveWatermark(core, adapter, ep, e);
      case 'reaction':
        return receiveReaction(core, adapter, e);
      case 'echo':
        return receiveEcho(core, adapter, ep, e);
      case 'identity_changed':
        return receiveIdentityChange(core, adapter, ep, e);
      case 'notice':
        return this.notice(adapter, ep, e);
      default:
        return;
    }
  }

  /**
   * Something the provider sent that maps to nothing above (an opt-out, an edit, a shape we don't
   * know): logged, and shown to the agent in the customer's open conversation, never dropped silently.
   */
  private async notice(adapter: ChannelAdapter, ep: EntryPointRecord, e: NoticeEvent): Promise<void> {
    const { core } = this;
    core.deps.log.info({ channel: adapter.channel, entryPoint: ep.id, code: e.code }, `inbound: ${e.message}`);
    if (!e.customerExternalId) return;
    const customer = await store.findCustomerByExternalIds(core.deps.db.kysely, adapter.channel, [e.customerExternalId]);
    const c = customer && openConversation(core, ep.id, customer.id);
    if (!c) return;
    const rec = noticeRecord(core.directory, c, 'unsupported_content', {}, core.now, e.message);
    await core.storeMessage(c, e.providerMessageId ? { ...rec, providerId: `${e.code}:${e.providerMessageId}` } : rec);
  }
}

/** Waits for every task (none is left running when the webhook answers), then fails with the first failure. */
async function settleAll(tasks: Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
