import type { AgentDto } from '@parley/protocol';
import * as store from '@parley/storage';
import type { AppCore } from '../core';
import { agentProfileOf } from '../directory';
import { commitWithEvents } from '../publish/commit-events';

/**
 * Configuration from storage into memory: the directory (definitions) and the routing engine
 * (agents' capacities, queues). After an admin change, work newly possible is offered at once.
 */
export class ConfigSync {
  private readonly changeListeners: (() => void)[] = [];

  constructor(private readonly core: AppCore) {}

  /** After an admin change: reload configuration, update the router, offer work newly possible. */
  async configChanged(): Promise<void> {
    await this.reloadDirectory();
    await this.core.apply(this.core.engine.rebalance(this.core.now));
    // Every Desk re-reads its configuration (queues for transfer, reasons, templates).
    await commitWithEvents(this.core, [{ agentId: null, conversationId: null, event: { type: 'config.updated' } }], async () => true);
    for (const listener of this.changeListeners) listener();
  }

  /**
   * Edges that follow the configuration (the email channel's IMAP pollers) hear of each admin change
   * once the directory holds it. A listener must not throw; it runs its own work in the background.
   */
  onConfigChanged(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  /** Reloads the configuration into the directory and pushes it into the engine. */
  async reloadDirectory(): Promise<void> {
    const { engine, directory: d, deps } = this.core;
    const db = deps.db.kysely;
    const agents = await store.listAgents(db);
    d.agents = new Map(agents.map((a) => [a.id, agentProfileOf(a)]));
    d.teams = new Map((await store.listTeams(db)).map((t) => [t.id, t]));
    d.queues = new Map((await store.listQueues(db)).map((q) => [q.id, q]));
    d.entryPoints = new Map((await store.listEntryPoints(db)).map((e) => [e.id, e]));
    d.idleReasons = await store.listIdleReasons(db);
    d.wrapupReasons = await store.listWrapupReasons(db);
    d.templates = await store.listTemplates(db);
    d.workflows = await store.listWorkflows(db);
    // The engine owns agents' runtime state: the stored one only seeds an agent it does not know
    // yet (at start, or just created); for the others only the definition (capacity) is taken.
    for (const a of agents) {
      const { id, idleReasonId, stateChangedAt, readySince, capacity } = a;
      engine.upsertAgent({ id, state: a.state as AgentDto['state'], idleReasonId, stateChangedAt, readySince, capacity });
    }
    this.syncQueues();
  }

  /** Pushes queue definitions and memberships from the directory into the engine. */
  syncQueues(): void {
    for (const q of this.core.directory.queues.values()) this.core.engine.upsertQueue(this.core.directory.engineQueue(q));
  }
}
