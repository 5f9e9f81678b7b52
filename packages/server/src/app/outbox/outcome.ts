import { nextAttemptAt, type RetryPolicy } from '@parley/core';
import type { SendFailure, SendResult } from '@parley/channels';
import {
  markOutboxFailed,
  markOutboxRetry,
  markOutboxSent,
  type Executor,
  type OutboxJob,
} from '@parley/storage';

/** What became of one attempt, as recorded on the job and handed to `onResult`. */
export type OutboxOutcome =
  | { status: 'sent'; providerId: string; delivered?: boolean }
  | { status: 'retry'; at: number; failure: SendFailure }
  | { status: 'failed'; failure: SendFailure; why: 'permanent' | 'max_attempts' | 'max_age' };

/** A send's result → the job's next state (pure; `job.attempts` counts the attempt just made). */
export function decideOutcome(
  job: OutboxJob,
  result: SendResult,
  now: number,
  policy: RetryPolicy,
  random: () => number,
): OutboxOutcome {
  if (result.ok) return result.delivered ? { status: 'sent', providerId: result.providerId, delivered: true } : { status: 'sent', providerId: result.providerId };
  const decision = nextAttemptAt({ attempts: job.attempts, failure: result, now, createdAt: job.createdAt }, policy, random);
  return decision.retry
    ? { status: 'retry', at: decision.at, failure: result }
    : { status: 'failed', failure: result, why: decision.why };
}

/** Stores the outcome if `owner` still holds the job's lease; false when it was lost. */
export function recordOutcome(ex: Executor, job: OutboxJob, owner: string, outcome: OutboxOutcome, now: number): Promise<boolean> {
  switch (outcome.status) {
    case 'sent':
      return markOutboxSent(ex, job.id, owner, outcome.providerId, now);
    case 'retry':
      return markOutboxRetry(ex, job.id, owner, outcome.at, errorOf(outcome.failure), now);
    case 'failed':
      return markOutboxFailed(ex, job.id, owner, errorOf(outcome.failure), now);
  }
}

function errorOf(failure: SendFailure) {
  return { code: failure.code, reason: failure.reason };
}
