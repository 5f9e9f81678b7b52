import type { ProviderContext, SendFailure } from '@parley/channels';
import type { AppCore } from '../core';
import { relaySend } from '../email/relay-send';

/**
 * What an adapter needs to call its provider for one entry point: its settings with secrets resolved
 * now (an admin change applies to the next call), the provider-wide settings, the HTTP edge, the clock.
 * A failure when the entry point is gone (final) or a secret can't be read (an admin can fix it: retried).
 */
export function providerContext(core: AppCore, entryPointId: string, signal?: AbortSignal): ProviderContext<unknown> | SendFailure {
  try {
    const resolved = core.entryPoints.resolve(entryPointId);
    if (!resolved) return { ok: false, retryable: false, code: 'invalid_request', reason: `the entry point ${entryPointId} no longer exists` };
    return { settings: resolved.settings, providers: core.entryPoints.providers(), http: core.providerHttp, smtp: relaySend, now: () => core.now, signal };
  } catch (err) {
    return { ok: false, retryable: true, code: 'auth', reason: err instanceof Error ? err.message : 'a secret could not be read' };
  }
}
