import { AppCore, type AppDeps } from './core';
import { AgentSessions } from './auth/sessions';
import { DeskReads } from './reads/desk';
import { ConversationReads } from './reads/conversations';
import { AgentCommands } from './agent/commands';
import { AgentMessages } from './agent/send-message';
import { WebchatSessions } from './customer/webchat-sessions';
import { CustomerActions } from './customer/customer-actions';
import { Deadlines } from './time/tick';
import { ConfigSync } from './admin/config-sync';
import { restoreRouting } from './startup';
import type { EntryPointSettings } from './entry-points/entry-point-settings';
import { createOutbox, type OutboxSettings } from './outbox/create-outbox';
import { JobHandlers } from './outbox/handlers';
import { InboundEvents } from './inbound/receive';
import type { OutboxWorker } from './outbox/worker';
import { WorkflowRuns } from './workflows/runs';

/**
 * The application layer, composed: one object per group of use cases over one shared core.
 * Routes take the groups they need (e.g. `Pick<Parley, 'sessions' | 'commands'>`).
 */
export interface Parley {
  core: AppCore;
  sessions: AgentSessions;
  desk: DeskReads;
  conversations: ConversationReads;
  commands: AgentCommands;
  messages: AgentMessages;
  webchat: WebchatSessions;
  customers: CustomerActions;
  deadlines: Deadlines;
  config: ConfigSync;
  /** Entry points' channel settings, secrets resolved when used (the channel pipeline's accessor). */
  entryPoints: EntryPointSettings;
  /** Provider webhooks' events, applied (messages, receipts, reactions, echoes, identity changes). */
  inbound: InboundEvents;
  /** Sends what waits in the durable outbox (messages, read receipts, media downloads). */
  outbox: OutboxWorker;
  /** Workflows run from the pane, and their log (docs/workflows.md). */
  workflows: WorkflowRuns;
  /** Loads configuration and open conversations; passed deadlines apply on the first tick. */
  start(): Promise<void>;
}

export function createParley(deps: AppDeps, outboxSettings?: OutboxSettings): Parley {
  const core = new AppCore(deps);
  const jobs = new JobHandlers();
  const commands = new AgentCommands(core);
  const customers = new CustomerActions(core);
  const deadlines = new Deadlines(core);
  const config = new ConfigSync(core);
  const workflows = new WorkflowRuns(core);
  config.onConfigChanged(() => core.supervision.configChanged());
  deps.channels.webchat.onPresence((id, present) => {
    customers.customerPresence(id, present).catch((err: unknown) => deps.log.error({ err }, 'web chat presence update failed'));
  });
  return {
    core,
    sessions: new AgentSessions(core, commands),
    desk: new DeskReads(core),
    conversations: new ConversationReads(core),
    commands,
    messages: new AgentMessages(core),
    webchat: new WebchatSessions(core),
    customers,
    deadlines,
    config,
    entryPoints: core.entryPoints,
    inbound: new InboundEvents(core),
    outbox: createOutbox(core, jobs, outboxSettings),
    workflows,
    start: async () => {
      await restoreRouting(core, config, deadlines);
      await workflows.interruptLeftovers();
    },
  };
}
