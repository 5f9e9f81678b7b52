import type { Channel } from '../config';
import type { SimState, WebhookRecord } from '../state';

/** How hard the simulator tries to deliver one webhook. */
export interface RetryPolicy {
  /** Total tries, first one included. */
  attempts: number;
  /** Wait before retry n is baseDelayMs × 2^(n-1). */
  baseDelayMs: number;
  /** Per try; past it the try counts as a failure (Twilio's total timeout is 15 s). */
  timeoutMs: number;
}

export interface RetryPolicies {
  /** Meta retries any non-2xx or unreachable endpoint, with decreasing frequency (§5); bounded here. */
  meta: RetryPolicy;
  /** Twilio retries only a connection failure, once by default (§3.8); a non-2xx is final. */
  twilio: RetryPolicy;
}

export const DEFAULT_RETRY: RetryPolicies = {
  meta: { attempts: 5, baseDelayMs: 1000, timeoutMs: 10_000 },
  twilio: { attempts: 2, baseDelayMs: 500, timeoutMs: 15_000 },
};

export interface OutgoingWebhook {
  channel: Channel;
  url: string;
  body: string;
  headers: Record<string, string>;
  summary: string;
}

/**
 * Delivers webhooks one at a time per channel (so a conversation's events leave in order), retrying
 * as the provider would. Every try is recorded on the state so the page can show it and replay it.
 */
export class WebhookDispatcher {
  private readonly chains = new Map<Channel, Promise<unknown>>();
  private readonly stop = new AbortController();

  constructor(
    private readonly state: SimState,
    private readonly policies: RetryPolicies,
  ) {}

  send(hook: OutgoingWebhook): Promise<WebhookRecord> {
    const record = this.state.recordWebhook(hook);
    const previous = this.chains.get(hook.channel) ?? Promise.resolve();
    // Never rejects: callers fire and forget, and one odd failure must not take the process down.
    const next = previous.then(() => this.deliver(record)).catch((err: unknown) => {
      record.attempts.push({ at: this.state.now(), error: String(err) });
      record.outcome = 'gave_up';
      return record;
    });
    this.chains.set(hook.channel, next);
    return next;
  }

  /** "Send again": the same bytes and signature, as a provider's duplicate delivery would be. */
  replay(record: WebhookRecord): Promise<WebhookRecord> {
    return this.send({ channel: record.channel, url: record.url, body: record.body, headers: record.headers, summary: `again: ${record.summary}` });
  }

  /** Resolves once every queued webhook has been delivered or given up on. */
  async idle(): Promise<void> {
    let before: Promise<unknown>[];
    do {
      before = [...this.chains.values()];
      await Promise.all(before);
    } while ([...this.chains.values()].some((p, i) => p !== before[i]));
  }

  close(): void {
    this.stop.abort();
  }

  private async deliver(record: WebhookRecord): Promise<WebhookRecord> {
    const policy = record.channel === 'sms' ? this.policies.twilio : this.policies.meta;
    for (let attempt = 1; attempt <= policy.attempts && !this.stop.signal.aborted; attempt++) {
      if (attempt > 1) await this.pause(policy.baseDelayMs * 2 ** (attempt - 2));
      if (this.stop.signal.aborted) break;
      const result = await this.tryOnce(record, policy.timeoutMs);
      record.attempts.push({ at: this.state.now(), ...result });
      this.state.touch();
      if (result.status !== undefined && result.status >= 200 && result.status < 300) {
        record.outcome = 'delivered';
        this.state.touch();
        return record;
      }
      // Twilio does not retry an answer, only a connection that failed or timed out.
      if (record.channel === 'sms' && result.status !== undefined) break;
    }
    record.outcome = 'gave_up';
    this.state.touch();
    return record;
  }

  private async tryOnce(record: WebhookRecord, timeoutMs: number): Promise<{ status?: number; error?: string }> {
    try {
      const res = await fetch(record.url, {
        method: 'POST',
        headers: record.headers,
        body: record.body,
        redirect: 'manual',
        signal: AbortSignal.any([this.stop.signal, AbortSignal.timeout(timeoutMs)]),
      });
      await res.arrayBuffer().catch(() => undefined);
      return { status: res.status };
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      return { error: cause ?? (err as Error).name ?? 'network error' };
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const signal = this.stop.signal;
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
