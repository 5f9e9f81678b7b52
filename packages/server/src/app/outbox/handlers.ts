import type { SendResult } from '@parley/channels';
import type { OutboxJob } from '@parley/storage';
import type { OutboxOutcome } from './outcome';

/** What one kind of outbox job does (send a message, mark one read, fetch inbound media). */
export interface JobHandler {
  /** One attempt; every failure is a result (retryable or not), never a throw. */
  perform(job: OutboxJob, signal: AbortSignal): Promise<SendResult>;
  /** After the outcome is stored: tell the thread (status, attachments). */
  settle?(job: OutboxJob, outcome: OutboxOutcome): Promise<void>;
}

/** The outbox's job kinds in one place; the worker calls `perform` and `settle` by kind. */
export class JobHandlers {
  private readonly byKind = new Map<string, JobHandler>();

  register(kind: string, handler: JobHandler): this {
    this.byKind.set(kind, handler);
    return this;
  }

  perform(job: OutboxJob, signal: AbortSignal): Promise<SendResult> {
    const h = this.byKind.get(job.kind);
    if (!h) return Promise.resolve({ ok: false, retryable: false, code: 'invalid_request', reason: `no handler for outbox jobs of kind ${job.kind}` });
    return h.perform(job, signal);
  }

  async settle(job: OutboxJob, outcome: OutboxOutcome): Promise<void> {
    await this.byKind.get(job.kind)?.settle?.(job, outcome);
  }
}
