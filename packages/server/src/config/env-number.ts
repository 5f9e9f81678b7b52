import { ConfigError } from './config-file';

/**
 * A number setting from the environment: undefined when unset or empty; a value that isn't a
 * number of at least `min` (an integer where asked) stops the start with a ConfigError naming it.
 */
export function envNumber(env: NodeJS.ProcessEnv, name: string, rule: { min: number; integer?: boolean; unit?: string }): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  const ok = rule.integer ? Number.isSafeInteger(n) : Number.isFinite(n);
  if (!ok || n < rule.min) {
    throw new ConfigError(`${name} must be ${rule.integer ? 'an integer' : 'a number'} ≥ ${rule.min}${rule.unit ? ` (${rule.unit})` : ''}, got "${raw}"`);
  }
  return n;
}
