/** The limit settings from the environment: defaults, overrides, refusals, and PARLEY_RATE_LIMIT=off. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/config-file';
import { DEFAULT_LIMITS, limitsFromEnv, type Limits } from '../src/app/limits';
import { settingsFromEnv } from '../src/server';

describe('limitsFromEnv', () => {
  it('uses the defaults, and the values the environment names', () => {
    expect(limitsFromEnv({}, true)).toEqual(DEFAULT_LIMITS);
    expect(limitsFromEnv({ PARLEY_MESSAGE_BURST: '3', PARLEY_MESSAGE_PER_SECOND: '0.5', PARLEY_SOCKETS_PER_CHAT: '2', PARLEY_WS_BUFFER_BYTES: '1048576' }, true)).toEqual({
      ...DEFAULT_LIMITS,
      customerMessages: { burst: 3, perSecond: 0.5 },
      socketsPerChat: 2,
      socketBufferBytes: 1_048_576,
    });
  });

  it('refuses a malformed value with a message naming the variable', () => {
    expect(() => limitsFromEnv({ PARLEY_MESSAGE_BURST: 'ten' }, true)).toThrow(ConfigError);
    expect(() => limitsFromEnv({ PARLEY_MESSAGE_BURST: '0' }, true)).toThrow(/PARLEY_MESSAGE_BURST must be a number ≥ 1/);
    expect(() => limitsFromEnv({ PARLEY_WS_BUFFER_BYTES: '100' }, true)).toThrow(/PARLEY_WS_BUFFER_BYTES/);
    expect(() => settingsFromEnv({ PARLEY_TYPING_PER_SECOND: '-1' }, [])).toThrow(ConfigError);
  });

  it('PARLEY_RATE_LIMIT=off lifts the message and typing rates but keeps the memory caps', () => {
    const off = settingsFromEnv({ PARLEY_RATE_LIMIT: 'off', PARLEY_SOCKETS_PER_CHAT: '3' }, []).limits as Limits;
    expect(off.customerMessages.burst).toBeGreaterThan(1e9);
    expect(off.typing.burst).toBeGreaterThan(1e9);
    expect(off.socketsPerChat).toBe(3);
    expect(off.socketBufferBytes).toBe(DEFAULT_LIMITS.socketBufferBytes);
  });
});
