import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AppCore } from '../core';
import { markReadHandler, MARK_READ_JOB } from '../outbound/mark-read-job';
import { sendHandler, SEND_JOB } from '../outbound/send-job';
import { conversationChangedHandler, CONVERSATION_CHANGED_JOB } from '../outbound/conversation-changed-job';
import { mediaFetchHandler, MEDIA_FETCH_JOB } from '../inbound/media-job';
import { profileHandler, PROFILE_JOB } from '../inbound/profile-job';
import type { JobHandlers } from './handlers';
import { OutboxWorker, type OutboxWorkerOptions } from './worker';

export type OutboxSettings = Pick<OutboxWorkerOptions, 'sendTimeoutMs' | 'leaseMs' | 'concurrency' | 'policy' | 'maxSleepMs'>;

/** A lease owner `host:pid:…` of this machine whose process no longer runs. */
export function deadProcessOfThisHost(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    // EPERM: it runs under another user; only ESRCH says it is gone.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The outbox worker of this process with every job kind registered; started and stopped by server.ts. */
export function createOutbox(core: AppCore, handlers: JobHandlers, settings: OutboxSettings = {}): OutboxWorker {
  handlers
    .register(SEND_JOB, sendHandler(core))
    .register(MARK_READ_JOB, markReadHandler(core))
    .register(CONVERSATION_CHANGED_JOB, conversationChangedHandler(core))
    .register(MEDIA_FETCH_JOB, mediaFetchHandler(core))
    .register(PROFILE_JOB, profileHandler(core));
  const worker = new OutboxWorker({
    db: core.deps.db,
    committer: core.deps.committer,
    clock: core.deps.clock,
    owner: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    isDeadOwner: deadProcessOfThisHost,
    send: (job, signal) => handlers.perform(job, signal),
    onResult: (job, outcome) => handlers.settle(job, outcome),
    log: core.deps.log,
    ...settings,
  });
  core.onEnqueued = () => worker.poke();
  return worker;
}
