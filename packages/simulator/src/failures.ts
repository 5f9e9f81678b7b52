import type { Channel } from './config';

/** Failure switches per account, set from the page or `PUT /_sim/failures/{channel}`. */
export interface FailureSwitches {
  whatsapp: {
    /** 131047 re-engagement: `status` = accepted then a `failed` status webhook; `sync` = a 400 at once. Templates still pass. */
    window: 'off' | 'status' | 'sync';
    /** 429 with Graph code 130429 (Cloud API throughput limit). */
    rateLimit: boolean;
    outage: Outage;
  };
  messenger: {
    /** 10/2018278: `24h` refuses RESPONSE/UPDATE but allows MESSAGE_TAG+HUMAN_AGENT; `7d` refuses everything. */
    window: 'off' | '24h' | '7d';
    /** 429 with Graph code 4 (application request limit). */
    rateLimit: boolean;
    outage: Outage;
  };
  sms: {
    /** 21610: the customer texted STOP (also set by a real STOP, cleared by START). */
    optedOut: boolean;
    /** Accepted, then `undelivered` with ErrorCode 30003 (unreachable handset). */
    undelivered: boolean;
    /** 429 with code 20429 and Retry-After. */
    rateLimit: boolean;
    outage: Outage;
  };
}

/** `error` answers HTTP 500; `hang` holds the connection open until the caller gives up (or the simulator closes). */
export type Outage = 'off' | 'error' | 'hang';

export function noFailures(): FailureSwitches {
  return {
    whatsapp: { window: 'off', rateLimit: false, outage: 'off' },
    messenger: { window: 'off', rateLimit: false, outage: 'off' },
    sms: { optedOut: false, undelivered: false, rateLimit: false, outage: 'off' },
  };
}

const OUTAGES = ['off', 'error', 'hang'];
const CHOICES: Record<Channel, Record<string, readonly (string | boolean)[]>> = {
  whatsapp: { window: ['off', 'status', 'sync'], rateLimit: [true, false], outage: OUTAGES },
  messenger: { window: ['off', '24h', '7d'], rateLimit: [true, false], outage: OUTAGES },
  sms: { optedOut: [true, false], undelivered: [true, false], rateLimit: [true, false], outage: OUTAGES },
};

/** Applies a partial update; returns an error message for an unknown switch or value (nothing changes then). */
export function applySwitches(all: FailureSwitches, channel: Channel, patch: unknown): string | undefined {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return 'body must be an object of switches';
  const allowed = CHOICES[channel];
  for (const [key, value] of Object.entries(patch)) {
    const choices = allowed[key];
    if (!choices) return `unknown switch "${key}" for ${channel}; known: ${Object.keys(allowed).join(', ')}`;
    if (!choices.includes(value as string | boolean)) return `${channel}.${key} must be one of ${choices.join(', ')}`;
  }
  Object.assign(all[channel], patch);
  return undefined;
}
