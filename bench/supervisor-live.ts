/**
 * The live part of the supervisor bench: a steady stream of real events against a running node,
 * each timed from its send to (a) the acting agent's own Desktop socket (baseline), (b) the
 * supervisor socket frame that shows it, (c) the Supervisor screen in Chromium showing it.
 *
 * Measured events (every one changes one row the page watches, to a value only that event gives):
 *  - state: a probe agent changes its own state (PUT /api/me/state) — Agents row, State cell;
 *  - chat: a customer starts a web chat in "Waiting room", a queue nobody can take — Queues row,
 *    Waiting ≥ the count this chat makes;
 *  - accept / wrap-up: a live agent accepts an offered chat, or submits the wrap-up of one it
 *    ended — Agents row, Conversations cell (its count, which only this agent's own steps move;
 *    one measured step per agent at a time).
 * Unmeasured events of the same stream: live chats started (offered to live agents), chats ended.
 */
import { loadavg } from 'node:os';
import { chromium, type Browser, type Page } from '@playwright/test';
import WebSocket from 'ws';
import type { LiveAgentRow, LiveQueueRow, SupervisorServerFrame } from '@parley/protocol';
import { cpuSecondsOf, log, openWs, pool, Samples, sleep, withTimeout } from './lib';
import { http, type ParleyServer } from './parley';
import { LIVE_AGENTS, liveId, PASSWORD, PROBE_AGENTS, probeId, SUPERVISOR } from './supervisor-floor';

export interface LiveOptions {
  /** Events per second, measured and unmeasured together. */
  rate: number;
  warmupMs: number;
  measureMs: number;
}

type Kind = 'state' | 'chat' | 'accept' | 'wrapup';

interface Probe {
  kind: Kind;
  key: string;
  sentAt: number;
  measured: boolean;
  onSocket: (row: LiveAgentRow | LiveQueueRow) => boolean;
  onScreen: (text: string) => boolean;
  /** The acting agent's socket (baseline); absent for a customer's chat (no agent hears of it). */
  agent?: { id: string; match: (frame: string) => boolean };
  agentAt?: number;
  answeredAt?: number;
  socketAt?: number;
  screenAt?: number;
  failed?: string;
}

export interface Latencies {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  n: number;
}

export interface LiveResult {
  events: number;
  measured: number;
  perKind: Record<Kind, number>;
  rateSent: number;
  /** Send → the command's HTTP answer (the server applied and stored it). */
  answered: Latencies;
  /** Send → the acting agent's own socket. */
  agentSocket: Latencies;
  supervisorSocket: Latencies;
  screen: Latencies;
  /** Measured events the screen (or socket) never showed within the grace period. */
  missedScreen: number;
  missedSocket: number;
  failures: string[];
  serverCpuUsPerEvent: number;
  /** Supervisor socket: frames and bytes per second during the window. */
  framesPerSec: number;
  kbPerSec: number;
  /** The snapshot frame's size on connect (all queues and agents). */
  snapshotKb: number;
  sendLagP99: number;
  /** The machine's 1-minute load average at the end of the window (other work shares the 2 cores). */
  loadAvg: number;
}

const wallNow = () => performance.timeOrigin + performance.now();

function lat(s: Samples, p95: number): Latencies {
  const x = s.summary();
  return { p50: x.p50, p95, p99: x.p99, max: x.max, n: x.n };
}

function summarize(values: number[]): Latencies {
  const s = new Samples();
  for (const v of values) s.add(v);
  return lat(s, s.percentile(95));
}

/** In the page (a string, so no bundler helper ends up inside it): reports watched rows' text as it changes. */
const WATCH_SCRIPT = `(() => {
  const last = new Map();
  let batch = [];
  let frame = 0;
  const cell = (tr, col) => (tr.querySelector('[data-col="' + col + '"]')?.textContent ?? '').trim();
  const read = () => {
    const t = performance.timeOrigin + performance.now();
    const rows = [];
    for (const tr of document.querySelectorAll('[data-testid="sup-agents"] tr[data-agent]')) {
      rows.push(['agent:' + tr.getAttribute('data-agent'), cell(tr, 'state') + '|' + cell(tr, 'conversations')]);
    }
    for (const tr of document.querySelectorAll('[data-testid="sup-queues"] tr[data-queue]')) {
      rows.push(['queue:' + tr.getAttribute('data-queue'), cell(tr, 'waiting') + '|' + cell(tr, 'offered') + '|' + cell(tr, 'active')]);
    }
    for (const [key, text] of rows) {
      if (last.get(key) === text) continue;
      last.set(key, text);
      batch.push({ key, text, t });
    }
    if (batch.length && !frame) {
      // The frame that paints these changes: its time is when they reach the screen.
      frame = requestAnimationFrame(() => {
        const painted = performance.timeOrigin + performance.now();
        const out = batch.map((r) => ({ ...r, painted }));
        batch = [];
        frame = 0;
        window.__benchRows(out);
      });
    }
  };
  new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
  read();
})()`;

declare global {
  interface Window {
    __benchRows: (rows: { key: string; text: string; t: number; painted: number }[]) => void;
  }
}

const STATES: { state: 'available' | 'idle'; reason: string | null; label: string }[] = [
  { state: 'available', reason: null, label: 'Available' },
  { state: 'idle', reason: 'lunch', label: 'Lunch' },
  { state: 'available', reason: null, label: 'Available' },
  { state: 'idle', reason: 'break', label: 'Break' },
];

/** A cell's number, however it is grouped ("1,234", "1 234"). */
const count = (cell: string) => Number(cell.replace(/\D/g, '') || NaN);
const convCount = (text: string) => Number(/(\d+)\/\d+/.exec(text.split('|')[1] ?? '')?.[1] ?? NaN);

interface LiveAgent {
  id: string;
  token: string;
  ws: WebSocket;
  /** Conversations it is in (handling or wrapping up): what its row's Conversations cell counts. */
  conversations: number;
  busy: boolean;
}

type Step = { kind: 'accept' | 'end' | 'wrapup'; agent: LiveAgent; conversationId: string };

/** Runs the stream against `server` (its floor seeded or empty) with a supervisor page open. */
export async function runLive(server: ParleyServer, opts: LiveOptions): Promise<LiveResult> {
  const base = server.url;
  const wsBase = base.replace(/^http/, 'ws');
  const failures: string[] = [];
  const probes: Probe[] = [];
  const pending = new Set<Probe>();
  let measuring = false;
  /** Seen everywhere it can be: no more matching needed. */
  const settled = (p: Probe) => {
    if (p.socketAt !== undefined && p.screenAt !== undefined && (!p.agent || p.agentAt !== undefined)) pending.delete(p);
  };

  // --- the acting agents: probes (state changes) and live agents (offers, accepts, wrap-ups)
  const login = async (id: string) => (await http<{ token: string }>(base, 'POST', '/api/auth/login', { username: id, password: PASSWORD })).token;
  const onAgentFrame = (id: string, d: string) => {
    const at = wallNow();
    for (const p of pending) {
      if (p.agent?.id !== id || p.agentAt !== undefined || p.sentAt === 0 || !p.agent.match(d)) continue;
      p.agentAt = at;
      settled(p);
    }
  };
  const probeAgents = await pool(Array.from({ length: PROBE_AGENTS }, (_, i) => probeId(i)), 4, async (id) => {
    const token = await login(id);
    const ws = await openWs(`${wsBase}/api/ws?token=${encodeURIComponent(token)}`, (d) => d.includes('"type":"hello"'));
    ws.on('message', (d: Buffer) => onAgentFrame(id, d.toString()));
    return { id, token, ws, step: 0 };
  });
  const readySteps: Step[] = [];
  const live: LiveAgent[] = await pool(Array.from({ length: LIVE_AGENTS }, (_, i) => liveId(i)), 4, async (id) => {
    const token = await login(id);
    const ws = await openWs(`${wsBase}/api/ws?token=${encodeURIComponent(token)}`, (d) => d.includes('"type":"hello"'));
    const agent: LiveAgent = { id, token, ws, conversations: 0, busy: false };
    ws.on('message', (d: Buffer) => {
      const s = d.toString();
      onAgentFrame(id, s);
      if (!s.includes('"type":"offer.created"')) return;
      const f = JSON.parse(s) as { event: { offer: { conversationId: string; agentId: string } } };
      if (f.event.offer.agentId === id) readySteps.push({ kind: 'accept', agent, conversationId: f.event.offer.conversationId });
    });
    return agent;
  });
  await pool(live, 4, (a) => http(base, 'PUT', '/api/me/state', { state: 'available' }, a.token));

  // --- the supervisor: a socket here (frames timed without a browser) and the page
  const supToken = await login(SUPERVISOR.username);
  let snapshotKb = 0;
  let frames = 0;
  let bytes = 0;
  const queues = new Map<string, LiveQueueRow>();
  // The handler is in place before the socket opens: the snapshot may come in the same packet as the upgrade.
  const supWs = new WebSocket(`${wsBase}/api/supervisor/ws?token=${encodeURIComponent(supToken)}`, { perMessageDeflate: false });
  supWs.on('error', (err) => failures.push(`supervisor socket: ${err.message}`));
  const gotSnapshot = new Promise<void>((resolve) => {
    supWs.on('message', (d: Buffer) => {
      const at = wallNow();
      const f = JSON.parse(d.toString()) as SupervisorServerFrame;
      if (f.type === 'snapshot') {
        snapshotKb = d.length / 1024;
        resolve();
      }
      if (f.type !== 'snapshot' && f.type !== 'delta') return;
      if (measuring) {
        frames++;
        bytes += d.length;
      }
      for (const q of f.queues) queues.set(q.id, q);
      const rows: [string, LiveAgentRow | LiveQueueRow][] = [...f.queues.map((q) => [`queue:${q.id}`, q] as [string, LiveQueueRow]), ...f.agents.map((a) => [`agent:${a.id}`, a] as [string, LiveAgentRow])];
      for (const p of pending) {
        if (p.socketAt !== undefined) continue;
        for (const [key, row] of rows) if (key === p.key && p.onSocket(row)) p.socketAt = at;
        settled(p);
      }
    });
  });
  await withTimeout(gotSnapshot, 30_000, 'supervisor snapshot');

  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    // Tall enough that the watched agents (the search "watch" leaves 60) are all in view.
    const page: Page = await browser.newPage({ viewport: { width: 1400, height: 4600 } });
    page.on('pageerror', (err) => failures.push(`page error: ${err.message}`));
    await page.exposeFunction('__benchRows', (rows: { key: string; text: string; t: number; painted: number }[]) => {
      for (const r of rows) {
        for (const p of pending) {
          if (p.key !== r.key || p.screenAt !== undefined || r.t < p.sentAt) continue;
          if (p.onScreen(r.text)) p.screenAt = r.painted;
          settled(p);
        }
      }
    });
    await page.addInitScript((tk: string) => sessionStorage.setItem('parley.token', tk), supToken);
    const t0 = performance.now();
    await page.goto(`${base}/#/supervisor`);
    await page.getByRole('searchbox').fill('watch');
    await page.locator(`[data-testid="sup-agents"] tr[data-agent="${liveId(LIVE_AGENTS - 1)}"]`).waitFor({ timeout: 60_000 });
    await page.locator(`[data-testid="sup-queues"] tr[data-queue="q-wait"]`).waitFor();
    log(`supervisor page live with the floor in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await page.evaluate(WATCH_SCRIPT);

    // --- the stream
    let waitTarget = queues.get('q-wait')?.waiting ?? 0;
    let chats = 0;
    let probeTurn = 0;
    const send = (p: Probe, request: () => Promise<unknown>) => {
      probes.push(p);
      pending.add(p);
      p.sentAt = wallNow();
      request().then(
        () => (p.answeredAt = wallNow()),
        (err: Error) => (p.failed = err.message),
      );
    };
    const stateChange = () => {
      const a = probeAgents[probeTurn++ % probeAgents.length]!;
      const next = STATES[a.step++ % STATES.length]!;
      send(
        {
          kind: 'state',
          key: `agent:${a.id}`,
          sentAt: 0,
          measured: measuring,
          onSocket: (r) => (r as LiveAgentRow).state === next.state && (r as LiveAgentRow).idleReasonId === next.reason,
          onScreen: (text) => text.split('|')[0]!.includes(next.label),
          agent: { id: a.id, match: (d) => d.includes('"type":"agent.updated"') && d.includes(`"id":"${a.id}"`) && d.includes(`"state":"${next.state}"`) },
        },
        () => http(base, 'PUT', '/api/me/state', next.reason ? { state: next.state, idleReasonId: next.reason } : { state: next.state }, a.token),
      );
    };
    const waitingChat = () => {
      const target = ++waitTarget;
      send(
        { kind: 'chat', key: 'queue:q-wait', sentAt: 0, measured: measuring, onSocket: (r) => (r as LiveQueueRow).waiting >= target, onScreen: (text) => count(text.split('|')[0]!) >= target },
        () => http(base, 'POST', '/webchat/api/sessions', { name: `Waiting ${target}`, email: `w${target}@bench.example`, site: 'web-wait' }),
      );
    };
    const liveStep = () => {
      const i = readySteps.findIndex((s) => !s.agent.busy);
      if (i < 0) {
        // Nothing to do for the live agents: a new chat for them (offered by the router; not measured).
        void http(base, 'POST', '/webchat/api/sessions', { name: `Live ${++chats}`, email: `l${chats}@bench.example`, site: 'web-live' }).catch((err: Error) => failures.push(`live chat: ${err.message}`));
        return;
      }
      const step = readySteps.splice(i, 1)[0]!;
      const a = step.agent;
      a.busy = true;
      const path = `/api/conversations/${encodeURIComponent(step.conversationId)}/${step.kind}`;
      const then = (next: Step | null) => {
        a.busy = false;
        if (next) readySteps.push(next);
      };
      if (step.kind === 'end') {
        http(base, 'POST', path, undefined, a.token).then(
          () => then({ kind: 'wrapup', agent: a, conversationId: step.conversationId }),
          (err: Error) => {
            failures.push(`end: ${err.message}`);
            then(null);
          },
        );
        return;
      }
      const expected = step.kind === 'accept' ? ++a.conversations : --a.conversations;
      const p: Probe = {
        kind: step.kind,
        key: `agent:${a.id}`,
        sentAt: 0,
        measured: measuring,
        onSocket: (r) => ((r as LiveAgentRow).conversations.webchat ?? 0) === expected,
        onScreen: (text) => convCount(text) === expected,
        agent: { id: a.id, match: (d) => d.includes('"type":"conversation.updated"') && d.includes(step.conversationId) },
      };
      send(p, async () => {
        try {
          await http(base, 'POST', path, step.kind === 'wrapup' ? { reasonIds: ['resolved'] } : undefined, a.token);
        } finally {
          // The next step on this agent once this one is on the screen (or given up on): one at a time.
          void settle(p).then(() => then(step.kind === 'accept' ? { kind: 'end', agent: a, conversationId: step.conversationId } : null));
        }
      });
    };
    const settle = async (p: Probe) => {
      const until = performance.now() + 5000;
      while ((p.screenAt === undefined || p.socketAt === undefined) && performance.now() < until) await sleep(20);
    };

    // 10 slots: 4 state changes, 3 waiting chats, 3 live steps.
    const SLOTS: (() => void)[] = [stateChange, waitingChat, liveStep, stateChange, liveStep, waitingChat, stateChange, liveStep, waitingChat, stateChange];
    const interval = 1000 / opts.rate;
    const total = Math.round(((opts.warmupMs + opts.measureMs) / 1000) * opts.rate);
    const start = performance.now();
    const lag = new Samples();
    let cpu0 = NaN;
    let measuredSent = 0;
    for (let i = 0; i < total; i++) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (!measuring && performance.now() - start >= opts.warmupMs) {
        measuring = true;
        cpu0 = cpuSecondsOf(server.child.proc.pid);
      }
      lag.add(performance.now() - due);
      if (measuring) measuredSent++;
      SLOTS[i % SLOTS.length]!();
    }
    const cpu1 = cpuSecondsOf(server.child.proc.pid);
    const windowS = (performance.now() - start - opts.warmupMs) / 1000;
    measuring = false;
    const framesPerSec = frames / windowS;
    const kbPerSec = bytes / 1024 / windowS;

    // Grace: whatever is still on its way gets 10 s.
    const graceUntil = performance.now() + 10_000;
    while ([...pending].some((p) => p.measured && !p.failed && (p.screenAt === undefined || p.socketAt === undefined)) && performance.now() < graceUntil) await sleep(50);

    const m = probes.filter((p) => p.measured);
    for (const p of m) if (p.failed) failures.push(`${p.kind}: ${p.failed}`);
    const ok = m.filter((p) => !p.failed);
    const perKind = { state: 0, chat: 0, accept: 0, wrapup: 0 } as Record<Kind, number>;
    for (const p of ok) perKind[p.kind]++;
    // A measured event never shown counts as shown after the whole grace period: it can only raise p99.
    const never = 60_000;
    return {
      events: total,
      measured: ok.length,
      perKind,
      rateSent: total / ((performance.now() - start) / 1000),
      answered: summarize(ok.filter((p) => p.answeredAt !== undefined).map((p) => p.answeredAt! - p.sentAt)),
      agentSocket: summarize(ok.filter((p) => p.agentAt !== undefined).map((p) => p.agentAt! - p.sentAt)),
      supervisorSocket: summarize(ok.map((p) => (p.socketAt ?? p.sentAt + never) - p.sentAt)),
      screen: summarize(ok.map((p) => (p.screenAt ?? p.sentAt + never) - p.sentAt)),
      missedScreen: ok.filter((p) => p.screenAt === undefined).length,
      missedSocket: ok.filter((p) => p.socketAt === undefined).length,
      failures: failures.slice(0, 10),
      serverCpuUsPerEvent: ((cpu1 - cpu0) * 1e6) / Math.max(1, measuredSent),
      framesPerSec,
      kbPerSec,
      snapshotKb,
      sendLagP99: lag.summary().p99,
      loadAvg: loadavg()[0]!,
    };
  } finally {
    await browser?.close();
    supWs.terminate();
    for (const a of [...probeAgents, ...live]) a.ws.terminate();
  }
}
