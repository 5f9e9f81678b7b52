import { parse, stringify } from 'yaml';

/** The origins config/demo.yaml was written for: the server on 8080, the provider simulator on 3900. */
export const DEMO_ORIGINS = { parley: 'http://127.0.0.1:8080', simulator: 'http://127.0.0.1:3900' } as const;
/** The simulator's SMTP sink the demo email entry points relay through (their `smtpPort`). */
export const DEMO_SIMULATOR_SMTP_PORT = 3925;

type Obj = Record<string, unknown>;

/**
 * The demo config with every URL on a default origin moved to where the server and the simulator
 * actually listen: the Graph and Twilio base URLs, the SMS webhook URL Twilio signatures cover, and
 * the relay port of email entry points that send through the simulator's SMTP sink.
 * The file stays the one source of the demo; only its origins follow the ports.
 */
export function demoConfigFor(text: string, origins: { parley: string; simulator: string; simulatorSmtpPort?: number }): string {
  const moved = (value: unknown): unknown => {
    if (typeof value === 'string') return moveOrigin(moveOrigin(value, DEMO_ORIGINS.parley, origins.parley), DEMO_ORIGINS.simulator, origins.simulator);
    if (Array.isArray(value)) return value.map(moved);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, moved(v)]));
    return value;
  };
  const config = moved(parse(text)) as Obj;
  if (origins.simulatorSmtpPort && Array.isArray(config.entryPoints)) config.entryPoints = config.entryPoints.map((e: Obj) => movedRelay(e, origins.simulatorSmtpPort!));
  return stringify(config);
}

function movedRelay(entryPoint: Obj, port: number): Obj {
  const settings = entryPoint.settings as Obj | undefined;
  if (entryPoint.channel !== 'email' || settings?.smtpHost !== '127.0.0.1' || settings.smtpPort !== DEMO_SIMULATOR_SMTP_PORT) return entryPoint;
  return { ...entryPoint, settings: { ...settings, smtpPort: port } };
}

function moveOrigin(value: string, from: string, to: string): string {
  if (value === from) return to;
  return value.startsWith(`${from}/`) ? `${to.replace(/\/+$/, '')}${value.slice(from.length)}` : value;
}
