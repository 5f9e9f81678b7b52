import { parse, stringify } from 'yaml';

/** The origins config/demo.yaml was written for: the server on 8080, the provider simulator on 3900. */
export const DEMO_ORIGINS = { parley: 'http://127.0.0.1:8080', simulator: 'http://127.0.0.1:3900' } as const;

/**
 * The demo config with every URL on a default origin moved to where the server and the simulator
 * actually listen: the Graph and Twilio base URLs, and the SMS webhook URL Twilio signatures cover.
 * The file stays the one source of the demo; only its origins follow the ports.
 */
export function demoConfigFor(text: string, origins: { parley: string; simulator: string }): string {
  const moved = (value: unknown): unknown => {
    if (typeof value === 'string') return moveOrigin(moveOrigin(value, DEMO_ORIGINS.parley, origins.parley), DEMO_ORIGINS.simulator, origins.simulator);
    if (Array.isArray(value)) return value.map(moved);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, moved(v)]));
    return value;
  };
  return stringify(moved(parse(text)));
}

function moveOrigin(value: string, from: string, to: string): string {
  if (value === from) return to;
  return value.startsWith(`${from}/`) ? `${to.replace(/\/+$/, '')}${value.slice(from.length)}` : value;
}
