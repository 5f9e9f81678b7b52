/**
 * The durable outbox: outbound sends written in the same transaction as their message, drained by
 * workers that lease due jobs. Several workers (processes, nodes) may drain one outbox: every state
 * change is a compare-and-set on status and lease, so a job is leased by one worker at a time, and
 * per conversation only the oldest unfinished job is ever leased, so sends keep their order.
 *
 *   pending ──claim──▶ sending ──markSent──▶ sent
 *      ▲                  │ ──markFailed──▶ failed
 *      └────markRetry─────┘   (a lease that expires is claimable again: the worker crashed)
 */
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { WriteStatement } from '../plan';
import type { Database, OutboxJobsTable } from '../schema';
import { fromJson, toJson, type Executor } from './executor';
import { HotInsert } from './hot-insert';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** What the caller enqueues; the job starts pending with no attempts. */
export interface OutboxEnqueue {
  /** The idempotency key, e.g. `<messageId>:send`: enqueuing it again keeps the first job. */
  id: string;
  kind: string;
  channel: string;
  /**
   * The order group: jobs of one group go one at a time, oldest first. A conversation's id for what
   * the customer must receive in order; `<id>/media` etc. for work that must not wait behind it.
   */
  conversationId: string;
  messageId: string | null;
  entryPointId: string;
  payload: unknown;
  /** First attempt at or after this time (epoch ms); usually the creation time. */
  nextAttemptAt: number;
  createdAt: number;
}

export interface OutboxError {
  code: string;
  reason: string;
}

export interface OutboxJob extends OutboxEnqueue {
  status: OutboxStatus;
  /** Attempts started so far (a claim counts one). */
  attempts: number;
  leaseOwner: string | null;
  leaseUntil: number | null;
  lastError: OutboxError | null;
  providerId: string | null;
  updatedAt: number;
}

function toJob(row: Selectable<OutboxJobsTable>): OutboxJob {
  return {
    id: row.id,
    kind: row.kind,
    channel: row.channel,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    entryPointId: row.entry_point_id,
    payload: fromJson(row.payload_json),
    status: row.status as OutboxStatus,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    lastError:
      row.last_error_code === null ? null : { code: row.last_error_code, reason: row.last_error_reason ?? '' },
    providerId: row.provider_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function enqueueRow(job: OutboxEnqueue) {
  return {
    id: job.id,
    kind: job.kind,
    channel: job.channel,
    conversation_id: job.conversationId,
    message_id: job.messageId,
    entry_point_id: job.entryPointId,
    payload_json: toJson(job.payload),
    status: 'pending',
    attempts: 0,
    next_attempt_at: job.nextAttemptAt,
    created_at: job.createdAt,
    updated_at: job.createdAt,
  };
}

const insertJob = new HotInsert(
  (ex, job: OutboxEnqueue) =>
    ex.insertInto('outbox_jobs').values(enqueueRow(job)).onConflict((oc) => oc.column('id').doNothing()),
  (job: OutboxEnqueue) => Object.values(enqueueRow(job)),
);

/** The enqueue as one statement, to append to a write plan (e.g. `insertMessagePlan`'s `outbox`). */
export function enqueueOutboxStatement(ex: Executor, job: OutboxEnqueue): WriteStatement {
  return insertJob.statement(ex, 'one', job);
}

/** Enqueues a job; false when a job with that id already exists (it is left as it was). */
export async function enqueueOutbox(ex: Executor, job: OutboxEnqueue): Promise<boolean> {
  const res = await insertJob.execute(ex, 'one', job);
  return Number(res.numAffectedRows ?? 0) > 0;
}

export async function getOutboxJob(ex: Executor, id: string): Promise<OutboxJob | null> {
  const row = await ex.selectFrom('outbox_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJob(row) : null;
}

/** The statuses a job ends in; every other one is unfinished (pending, sending). */
const FINISHED: OutboxStatus[] = ['sent', 'failed'];

type JobsEb = ExpressionBuilder<Database & { j: OutboxJobsTable }, 'j'>;

/**
 * No unfinished job of the same conversation comes before `j` (created_at, then id). Unfinished is
 * written as "not sent nor failed" so no index can serve it: PostgreSQL without fresh statistics
 * (a burst) otherwise intersected the conversation index with every pending job's status entry,
 * per candidate.
 */
function isHeadOfConversation(eb: JobsEb) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('outbox_jobs as o')
        .select('o.id')
        .whereRef('o.conversation_id', '=', 'j.conversation_id')
        .where('o.status', 'not in', FINISHED)
        .where((e) =>
          e.or([
            e('o.created_at', '<', e.ref('j.created_at')),
            e.and([e('o.created_at', '=', e.ref('j.created_at')), e('o.id', '<', e.ref('j.id'))]),
          ]),
        ),
    ),
  );
}

function isPendingAndDue(eb: JobsEb, now: number) {
  return eb.and([eb('j.status', '=', 'pending'), eb('j.next_attempt_at', '<=', now)]);
}

/** Sending, but its worker died or stalled. */
function isLeaseExpired(eb: JobsEb, now: number) {
  return eb.and([eb('j.status', '=', 'sending'), eb('j.lease_until', '<=', now)]);
}

/** Pending and due, or sending with an expired lease. */
function isClaimable(eb: JobsEb, now: number) {
  return eb.or([isPendingAndDue(eb, now), isLeaseExpired(eb, now)]);
}

/**
 * The ids of up to `limit` claimable jobs, oldest next attempt first (per conversation, order is
 * kept by `isHeadOfConversation`; across conversations ties are in no particular order). Pending-and-due and
 * expired-lease jobs are looked up apart, each walking its own index in order and stopping at
 * `limit`: one query ORing the two made the database sort every unfinished job on each claim, so
 * a claim cost grew with the backlog. The first `limit` of the two short lists merged are the
 * first `limit` claimable jobs.
 * Exported for the query-plan test.
 */
export function claimCandidateQueries(ex: Executor, now: number, limit: number) {
  const candidates = (claimable: (eb: JobsEb) => ReturnType<JobsEb['and']>) =>
    ex
      .selectFrom('outbox_jobs as j')
      .select(['j.id', 'j.next_attempt_at'])
      .where((eb) => eb.and([claimable(eb), isHeadOfConversation(eb)]))
      // Exactly the due index's order, so walking it needs no sort (ties by id too made SQLite sort
      // every due job, and PostgreSQL too when it had no statistics).
      .orderBy('j.next_attempt_at')
      .limit(limit);
  return [candidates((eb) => isPendingAndDue(eb, now)), candidates((eb) => isLeaseExpired(eb, now))];
}

/**
 * Leases up to `limit` due jobs to `owner` until `now + leaseMs` and counts an attempt on each.
 * At most one job per conversation (its oldest unfinished one). Each lease is a compare-and-set
 * that re-checks the conditions, so of two workers racing for a job exactly one gets it.
 */
export async function claimDueOutbox(
  ex: Executor,
  owner: string,
  now: number,
  leaseMs: number,
  limit: number,
): Promise<OutboxJob[]> {
  const [due, expired] = claimCandidateQueries(ex, now, limit);
  const candidates = [...(await due!.execute()), ...(await expired!.execute())]
    .sort((a, b) => Number(a.next_attempt_at) - Number(b.next_attempt_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
  const claimed: OutboxJob[] = [];
  // Rows locked in one global order: claimers sharing a PostgreSQL transaction with other work
  // cannot deadlock each other.
  for (const id of candidates.map((c) => c.id).sort()) {
    const row = await ex
      .updateTable('outbox_jobs as j')
      .set((eb) => ({
        status: 'sending',
        lease_owner: owner,
        lease_until: now + leaseMs,
        attempts: eb('j.attempts', '+', 1),
        updated_at: now,
      }))
      .where('j.id', '=', id)
      .where((eb) => eb.and([isClaimable(eb, now), isHeadOfConversation(eb)]))
      .returningAll()
      .executeTakeFirst();
    if (row) claimed.push(toJob(row));
  }
  return claimed;
}

/** The update of a job `owner` still holds; false when the lease was lost (taken over or finished). */
async function finishLeased(
  ex: Executor,
  id: string,
  owner: string,
  set: Partial<Omit<OutboxJobsTable, 'id'>>,
): Promise<boolean> {
  const res = await ex
    .updateTable('outbox_jobs')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export function markOutboxSent(ex: Executor, id: string, owner: string, providerId: string, now: number): Promise<boolean> {
  return finishLeased(ex, id, owner, {
    status: 'sent', provider_id: providerId, lease_owner: null, lease_until: null, updated_at: now,
  });
}

/** Back to pending until `nextAt`, keeping the error of this attempt. */
export function markOutboxRetry(
  ex: Executor, id: string, owner: string, nextAt: number, error: OutboxError, now: number,
): Promise<boolean> {
  return finishLeased(ex, id, owner, {
    status: 'pending', next_attempt_at: nextAt, lease_owner: null, lease_until: null,
    last_error_code: error.code, last_error_reason: error.reason, updated_at: now,
  });
}

export function markOutboxFailed(ex: Executor, id: string, owner: string, error: OutboxError, now: number): Promise<boolean> {
  return finishLeased(ex, id, owner, {
    status: 'failed', lease_owner: null, lease_until: null,
    last_error_code: error.code, last_error_reason: error.reason, updated_at: now,
  });
}

/**
 * When the next job becomes claimable (a pending job's next attempt or a sending job's lease
 * expiry), counting only each conversation's head; null when nothing is unfinished.
 */
export async function nextOutboxDueAt(ex: Executor): Promise<number | null> {
  const row = await ex
    .selectFrom('outbox_jobs as j')
    .select((eb) =>
      eb.fn
        .min(eb.case().when('j.status', '=', 'pending').then(eb.ref('j.next_attempt_at')).else(eb.ref('j.lease_until')).end())
        .as('due'),
    )
    .where('j.status', 'in', ['pending', 'sending'])
    .where((eb) => isHeadOfConversation(eb))
    .executeTakeFirst();
  const due = row?.due;
  return due === null || due === undefined ? null : Number(due);
}

/** Who holds leases on sending jobs now. */
export async function outboxLeaseOwners(ex: Executor): Promise<string[]> {
  const rows = await ex.selectFrom('outbox_jobs').select('lease_owner').distinct().where('status', '=', 'sending').where('lease_owner', 'is not', null).execute();
  return rows.map((r) => r.lease_owner).filter((o): o is string => o !== null);
}

/**
 * Hands the jobs leased by `owner` back (due now) without waiting for the lease to run out: for a
 * worker known to be dead (its process is gone), so a crash doesn't hold its conversations' sends
 * for a whole lease. The attempt it made stays counted. Returns how many jobs were released.
 */
export async function releaseOutboxLeases(ex: Executor, owner: string, now: number): Promise<number> {
  const res = await ex
    .updateTable('outbox_jobs')
    .set({ status: 'pending', lease_owner: null, lease_until: null, next_attempt_at: now, updated_at: now })
    .where('status', '=', 'sending')
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
