import type { RateRule } from '@parley/core';
import { envNumber } from '../config/env-number';

/** Limits that keep one abusive client from costing others (docs/configuration.md, README). */
export interface Limits {
  /** Chat messages per web chat session (one customer's chat, all its windows together). */
  customerMessages: RateRule;
  /** Typing frames per sender and conversation; the excess is dropped silently. */
  typing: RateRule;
  /** Open widget sockets per chat session; one more is refused (close code 4429). */
  socketsPerChat: number;
  /** Bytes a socket may have queued unsent; a peer that stops reading past it is cut off. */
  socketBufferBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  customerMessages: { burst: 10, perSecond: 1 },
  typing: { burst: 4, perSecond: 2 },
  socketsPerChat: 5,
  socketBufferBytes: 4 * 1024 * 1024,
};

/** No rate on messages and typing (load tests: PARLEY_RATE_LIMIT=off); caps on memory stay. */
export const UNLIMITED_RATES: Pick<Limits, 'customerMessages' | 'typing'> = {
  customerMessages: { burst: Number.MAX_SAFE_INTEGER, perSecond: Number.MAX_SAFE_INTEGER },
  typing: { burst: Number.MAX_SAFE_INTEGER, perSecond: Number.MAX_SAFE_INTEGER },
};

const ENV = {
  PARLEY_MESSAGE_BURST: { min: 1 },
  PARLEY_MESSAGE_PER_SECOND: { min: 0 },
  PARLEY_TYPING_BURST: { min: 1 },
  PARLEY_TYPING_PER_SECOND: { min: 0 },
  PARLEY_SOCKETS_PER_CHAT: { min: 1 },
  PARLEY_WS_BUFFER_BYTES: { min: 64 * 1024 },
} as const;

/** The limits named in the environment over the defaults; a malformed value stops the start. */
export function limitsFromEnv(env: NodeJS.ProcessEnv, rateLimits: boolean): Limits {
  const num = (name: keyof typeof ENV, fallback: number): number => envNumber(env, name, ENV[name]) ?? fallback;
  const d = DEFAULT_LIMITS;
  const limits: Limits = {
    customerMessages: { burst: num('PARLEY_MESSAGE_BURST', d.customerMessages.burst), perSecond: num('PARLEY_MESSAGE_PER_SECOND', d.customerMessages.perSecond) },
    typing: { burst: num('PARLEY_TYPING_BURST', d.typing.burst), perSecond: num('PARLEY_TYPING_PER_SECOND', d.typing.perSecond) },
    socketsPerChat: Math.floor(num('PARLEY_SOCKETS_PER_CHAT', d.socketsPerChat)),
    socketBufferBytes: Math.floor(num('PARLEY_WS_BUFFER_BYTES', d.socketBufferBytes)),
  };
  return rateLimits ? limits : { ...limits, ...UNLIMITED_RATES };
}
