import type { Logger } from 'pino';
import type { Clock } from '@parley/core';
import type { AgentSessions } from './auth/sessions';

const SWEEP_MS = 1000;
const PRUNE_EVERY = 60; // sweeps: storage is pruned once a minute

/**
 * Ends expired sessions: every second their sockets are closed and the in-memory map is pruned;
 * every minute expired agent sessions and customer tokens are deleted from storage.
 */
export function startSessionSweep(sessions: Pick<AgentSessions, 'sweepSessions' | 'pruneSessions'>, clock: Clock, log: Logger): () => void {
  let n = 0;
  const timer = setInterval(() => {
    const now = clock.now();
    try {
      sessions.sweepSessions(now);
    } catch (err) {
      log.error({ err }, 'session sweep failed');
    }
    if (++n % PRUNE_EVERY === 0) sessions.pruneSessions(now).catch((err) => log.error({ err }, 'session prune failed'));
  }, SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
