import { ConfigError } from '../../config/config-file';
import { envNumber } from '../../config/env-number';
import type { OutboxSettings } from './create-outbox';

/**
 * The outbox's timers from the environment (README, "Environment"): how long one provider call may
 * take, and how long a claimed job stays this process's (after a crash, the time until a restarted
 * or other node retakes it). Unset: the worker's defaults (30 s, 120 s).
 */
export function outboxSettingsFromEnv(env: NodeJS.ProcessEnv): OutboxSettings | undefined {
  const sendTimeoutMs = envNumber(env, 'PARLEY_OUTBOX_SEND_TIMEOUT_MS', { min: 1, integer: true, unit: 'milliseconds' });
  const leaseMs = envNumber(env, 'PARLEY_OUTBOX_LEASE_MS', { min: 1, integer: true, unit: 'milliseconds' });
  if (sendTimeoutMs === undefined && leaseMs === undefined) return undefined;
  if ((leaseMs ?? 120_000) <= (sendTimeoutMs ?? 30_000)) {
    throw new ConfigError('PARLEY_OUTBOX_LEASE_MS must exceed PARLEY_OUTBOX_SEND_TIMEOUT_MS (a send must end before another worker may retake its job)');
  }
  return { ...(sendTimeoutMs === undefined ? {} : { sendTimeoutMs }), ...(leaseMs === undefined ? {} : { leaseMs }) };
}
