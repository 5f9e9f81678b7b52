/** What `npm start` / `npm run serve` print once listening: where things are, and who can reach them. */
export interface BannerFacts {
  url: string;
  /** The listen address (HOST). */
  host: string;
  database: string;
  metricsUrl: string;
  /** PARLEY_METRICS_TOKEN is set. */
  metricsToken: boolean;
  /** PARLEY_METRICS_LISTEN is set: /metrics is not on the main port. */
  metricsSeparate: boolean;
  /** The provider simulator's customer page, when `npm start` runs one beside the server. */
  simulatorUrl?: string;
  /** Where the SMTP listener for the email entry points is bound, when one runs (PARLEY_SMTP_PORT). */
  smtp?: { host: string; port: number };
  /** How the config file differs from the database (the database won), one line each. */
  configDifferences?: string[];
  configDriftHeadline?: string;
}

const MAX_BANNER_DIFFERENCES = 10;

function configLines(f: BannerFacts): string[] {
  const diffs = f.configDifferences ?? [];
  if (!diffs.length) return [];
  const more = diffs.length - MAX_BANNER_DIFFERENCES;
  return [
    `  ${f.configDriftHeadline ?? 'config file differs from the database; the database wins'}:`,
    ...diffs.slice(0, MAX_BANNER_DIFFERENCES).map((d) => `    - ${d}`),
    ...(more > 0 ? [`    ... and ${more} more (see the log)`] : []),
  ];
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export function startupBanner(f: BannerFacts): string {
  const local = LOOPBACK.test(f.host);
  return [
    '',
    `  Parley is running (${f.database}).`,
    `  Agent Desktop:   ${f.url}/`,
    `  Web chat demo:   ${f.url}/webchat/demo`,
    ...(f.simulatorUrl ? [`  Provider simulator (be a WhatsApp, Messenger, SMS or email customer): ${f.simulatorUrl}/`] : []),
    `  API docs:        ${f.url}/docs`,
    `  Health:          ${f.url}/healthz`,
    `  Metrics:         ${f.metricsUrl} ${metricsNote(f)}`,
    ...(f.smtp ? [`  SMTP listener:   ${smtpAddress(f.smtp)} (mail for the email entry points)`] : []),
    local
      ? `  Listening on ${f.host} only: other machines cannot connect. To expose it, set HOST=0.0.0.0 (every interface) or HOST=<this machine's address>.`
      : `  Listening on ${f.host}: other machines can connect.`,
    ...configLines(f),
    '',
  ].join('\n');
}

/** `smtp://host:port`, the bound port (PARLEY_SMTP_PORT=0 picks a free one); an IPv6 host in brackets. */
export function smtpAddress(a: { host: string; port: number }): string {
  return `smtp://${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`;
}

function metricsNote(f: BannerFacts): string {
  if (f.metricsToken) return '(bearer token required)';
  if (f.metricsSeparate) return '(its own listener, no token)';
  return '(open to whoever reaches the port: PARLEY_METRICS_TOKEN or PARLEY_METRICS_LISTEN protect it)';
}
