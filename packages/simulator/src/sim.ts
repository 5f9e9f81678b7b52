import type { FastifyReply } from 'fastify';
import type { Channel, ParleyTarget, SimulatorAccounts } from './config';
import type { SimState } from './state';
import type { WebhookDispatcher } from './webhooks/dispatcher';

/** Everything the provider APIs, the webhook players and the customer page share. */
export interface Sim {
  accounts: SimulatorAccounts;
  parley: ParleyTarget;
  state: SimState;
  dispatcher: WebhookDispatcher;
  /** The simulator's own origin (known once it listens); media URLs point here. */
  baseUrl: () => string;
  /** Runs `fn` after `statusDelayMs`, as a provider's receipts lag its API answer; cancelled on close. */
  later: (fn: () => void) => void;
  /** An outage that never answers: the connection stays open until the caller gives up or the simulator closes. */
  hold: (reply: FastifyReply) => void;
}

export type { Channel };
