import type { ConversationState } from '@parley/core';
import * as store from '@parley/storage';
import type { AppCore } from './core';
import type { ConfigSync } from './admin/config-sync';
import type { Deadlines } from './time/tick';
import { loadMetas } from './conversation-meta';

/**
 * Brings routing back after a (re)start: configuration, every open conversation, the event
 * numbering; then what happened while down — no customer socket survived, deadlines passed —
 * and finally work for whoever is free.
 */
export async function restoreRouting(core: AppCore, config: ConfigSync, deadlines: Deadlines): Promise<void> {
  const db = core.deps.db.kysely;
  await config.reloadDirectory();
  const open = await store.listConversationsNotClosed(db);
  const metas = await loadMetas(db, open);
  for (const [id, meta] of metas) {
    core.meta.set(id, meta);
    core.openConversations.set(meta.entryPointId, meta.customer.id, id);
  }
  core.engine.restore(open.map((c) => c.state as ConversationState));
  await core.seqs.start();
  core.hub.startAt(await store.maxEventSeq(db));
  // No customer socket survives a restart: unaccepted chats count towards abandonment from now. Their
  // status did not change and nobody could hear it: no status job per chat.
  const chats = core.engine.listConversations().filter((c) => core.deps.channels.get(c.channel)?.tracksPresence).map((c) => c.id);
  await core.apply(core.engine.customersAway(chats, core.now), undefined, { tellCustomers: false });
  // First the deadlines that passed while down (RONA, max wait), then work for whoever is free.
  await deadlines.tick();
  await core.apply(core.engine.rebalance(core.now));
}
