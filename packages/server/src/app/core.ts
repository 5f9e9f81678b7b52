import type { Logger } from 'pino';
import type { AgentDto, ConversationDto, } from '@parley/protocol';
import { RoutingEngine, type Clock, type ConversationState, type Outcome } from '@parley/core';
import type { ChannelRegistry, ProviderHttp, ProvidersSettings } from '@parley/channels';
import * as store from '@parley/storage';
import type { Db, GroupCommitter, MessageRecord, OutboxEnqueue } from '@parley/storage';
import { AgentHub } from './agent-hub';
import { SeqBlocks } from './seq-blocks';
import { SessionSockets } from './session-sockets';
import { Directory } from './directory';
import type { SecretBox } from './entry-points/secret-box';
import type { Files } from './files';
import { OpenConversations } from './inbound/open-conversations';
import { EntryPointSettings } from './entry-points/entry-point-settings';
import { fetchProviderHttp } from './channels/provider-http';
import { agentDto, conversationDto, type ConversationMeta } from './dto';
import type { Metrics } from './metrics';
import { applyOutcome, type ApplyOptions, type Trx } from './publish/apply-outcome';
import { storeMessage, type StoredMessage } from './publish/store-message';
import { Supervision } from './supervisor/live/supervision';

/** What the application layer is given (composed in server.ts). */
export interface AppDeps {
  db: Db;
  committer: GroupCommitter;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  channels: ChannelRegistry;
  /** How providers are called (default: fetch); tests and benchmarks may wrap it. */
  providerHttp?: ProviderHttp;
  fileUrl: (attachmentId: string) => string;
  /** Attachment bytes on disk (inbound media are saved here). */
  files: Files;
  /** Where providers reach Parley: file links sent to customers are absolute under it. */
  publicUrl?: () => string;
  /** A web chat whose customer has no socket this long, before any agent accepted, is abandoned. */
  abandonAfterMs?: number;
  /** How long a web chat customer's token keeps working after its conversation closed (default 24 h). */
  webchatTokenTtlMs?: number;
  /** Seals entry points' literal secrets at rest. */
  secretBox: SecretBox;
  /** The config file's `providers:` section. */
  providers?: ProvidersSettings;
}

const DEFAULT_WEBCHAT_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * What every use case shares: its dependencies, the routing engine, the in-memory read state, and
 * the one commit path (store first, then publish). Use cases live in auth/, reads/, agent/,
 * customer/, time/ and admin/; the commit path in publish/.
 */
export class AppCore {
  readonly engine: RoutingEngine;
  readonly directory = new Directory();
  readonly hub = new AgentHub();
  /** Every socket by the token that opened it: logout and expiry close them all. */
  readonly sessionSockets = new SessionSockets();
  /** Customer and entry point of each open conversation (what routing state does not carry). */
  readonly meta = new Map<string, ConversationMeta>();
  /** Event numbers, from blocks reserved in the database: never handed out twice, even across crashes. */
  readonly seqs: SeqBlocks;
  /** Each customer's open conversation per entry point: where their next message goes. */
  readonly openConversations = new OpenConversations();
  /** Entry points' channel settings, secrets resolved when used. */
  readonly entryPoints: EntryPointSettings;
  readonly providerHttp: ProviderHttp;
  /** The supervisor live view: the floor and who follows which conversation. */
  readonly supervision: Supervision;
  /** Called after every applied outcome: deadlines may have moved (the scheduler re-arms). */
  onApplied: (() => void) | undefined;
  /** Called after an outbox job was committed: the worker looks now rather than at its next timer. */
  onEnqueued: (() => void) | undefined;

  constructor(readonly deps: AppDeps) {
    this.engine = new RoutingEngine({ abandonAfterMs: deps.abandonAfterMs });
    this.entryPoints = new EntryPointSettings(this.directory, deps.secretBox, deps.providers);
    this.providerHttp = deps.providerHttp ?? fetchProviderHttp;
    this.supervision = new Supervision(this);
    this.seqs = new SeqBlocks((size) => deps.committer.run((trx) => store.reserveBlock(trx, 'events', size)));
  }

  get now(): number {
    return this.deps.clock.now();
  }

  get webchatTokenTtlMs(): number {
    return this.deps.webchatTokenTtlMs ?? DEFAULT_WEBCHAT_TOKEN_TTL_MS;
  }

  agentDto(id: string): AgentDto | null {
    return agentDto(this.directory, this.engine, id);
  }

  conversationDto(c: ConversationState): ConversationDto | null {
    const meta = this.meta.get(c.id);
    return meta ? conversationDto(this.directory, c, meta) : null;
  }

  /** Agents who see a conversation's events: everyone in it, and whoever has its offer. */
  audience(c: ConversationState, extra: Iterable<string> = []): string[] {
    const ids = new Set<string>(extra);
    for (const p of c.participants) ids.add(p.agentId);
    if (c.offer) ids.add(c.offer.agentId);
    return [...ids];
  }

  /** Stores an engine outcome (and `extra` work) in one transaction, then publishes it. */
  apply(outcome: Outcome, extra?: (trx: Trx) => Promise<void>, opts?: ApplyOptions): Promise<void> {
    return applyOutcome(this, outcome, extra, opts);
  }

  /** Stores a message (deduplicated on clientId and provider id) with its events and outbox job, then publishes them. */
  storeMessage(c: ConversationState, rec: MessageRecord, outbox?: OutboxEnqueue): Promise<StoredMessage> {
    return storeMessage(this, c, rec, outbox);
  }
}
