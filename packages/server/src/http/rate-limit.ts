/** Requests per minute per client address on the endpoints anyone can call. */
export const RATE_LIMITS = { login: 30, webchatSession: 20, upload: 60 } as const;

/** A route's per-IP limit for @fastify/rate-limit (registered with `global: false`). */
export function perMinute(max: number) {
  return { max, timeWindow: '1 minute' };
}
