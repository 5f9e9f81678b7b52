/**
 * Agent Desktop render benchmark (Playwright + Debian Chromium).
 *
 *   npm run build -w @parley/desktop && npx tsx bench/desktop-render.ts [--messages 5000]
 *
 * Starts a real server, creates a web chat conversation with N customer messages (web chat
 * WebSocket `message` frames), accepts it for agent1, then measures in the browser:
 *  - navigation → interactive Task List (first task row rendered with the desk snapshot),
 *  - opening the conversation (first page rendered), loading the whole thread by scrolling up,
 *  - scrolling the whole thread back down (frame times),
 * and reports long tasks (PerformanceObserver 'longtask') for each phase.
 */
import { chromium } from '@playwright/test';
import { AgentClient, CustomerClient, startServer, testConfig } from '../packages/testkit/src/index';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg('messages', 5000);

declare global {
  interface Window {
    __longtasks: { start: number; duration: number }[];
    __interactiveAt?: number;
  }
}

async function seed(url: string): Promise<{ token: string; conversationId: string }> {
  const agent = await AgentClient.login(url, 'agent1');
  const c = await CustomerClient.open(url, { name: 'Bench Customer', email: 'bench@example.com' });
  const t0 = Date.now();
  const BATCH = 100;
  for (let i = 0; i < N; i += BATCH) {
    const ids: string[] = [];
    for (let j = i; j < Math.min(N, i + BATCH); j++) {
      ids.push(c.sendMessage(`Message ${j + 1}: ${j % 7 === 0 ? 'a longer line of text that wraps in the bubble to exercise dynamic row measurement in the virtual list. '.repeat(2) : 'short'}`));
    }
    const last = ids[ids.length - 1]!;
    const f = await c.waitFor((x) => (x.type === 'ack' || x.type === 'error') && x.clientId === last, 30_000);
    if (f.type === 'error') throw new Error(`seeding refused: ${f.code} ${f.message}`);
  }
  console.log(`seeded ${N} messages in ${Date.now() - t0} ms`);
  await agent.available();
  const from = 0;
  await agent.connect();
  await agent.waitForOffer(c.conversationId, 10_000, from).catch(() => undefined);
  await agent.accept(c.conversationId);
  await agent.close();
  await c.close();
  return { token: agent.token, conversationId: c.conversationId };
}

function summarize(tasks: { start: number; duration: number }[], from: number, to: number) {
  const inPhase = tasks.filter((t) => t.start >= from && t.start < to);
  return {
    count: inPhase.length,
    totalMs: Math.round(inPhase.reduce((s, t) => s + t.duration, 0)),
    maxMs: Math.round(inPhase.reduce((m, t) => Math.max(m, t.duration), 0)),
  };
}

const server = await startServer({ config: testConfig({ offerTimeoutSeconds: 600 }) });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const { token, conversationId } = await seed(server.url);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript((tk: string) => {
    sessionStorage.setItem('parley.token', tk);
    window.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  }, token);

  await page.goto(server.url);
  await page.waitForFunction(
    () => {
      if (document.querySelector('[data-testid="task-list"] li button')) {
        window.__interactiveAt ??= performance.now();
        return true;
      }
      return false;
    },
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return { interactive: window.__interactiveAt ?? 0, domContentLoaded: n?.domContentLoadedEventEnd ?? 0 };
  });

  // Open the conversation: newest page renders.
  const openStart = await page.evaluate(() => performance.now());
  await page.locator(`[data-conversation="${conversationId}"] .task-button`).click();
  await page.waitForSelector('[data-testid="thread"] .vrow');
  const openEnd = await page.evaluate(() => performance.now());

  // Scroll to the top until the whole thread is loaded.
  const loadStart = openEnd;
  for (let i = 0; i < 200; i++) {
    const done = await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="thread"]')!;
      el.scrollTop = 0;
      el.dispatchEvent(new Event('scroll'));
      return el.dataset.hasMore === 'false';
    });
    if (done) break;
    await page.waitForTimeout(100);
  }
  const loadEnd = await page.evaluate(() => performance.now());
  const count = await page.getAttribute('[data-testid="thread"]', 'data-count');

  // Scroll down through the whole thread, measuring frame times.
  // A string, so the bundler's helpers (`__name`) never end up inside the page.
  const SCROLL_SCRIPT = `(async () => {
    const el = document.querySelector('[data-testid="thread"]');
    el.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(r));
    const start = performance.now();
    const frames = [];
    let last = start;
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 2) {
      el.scrollTop += 600;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    frames.sort((a, b) => a - b);
    const at = (p) => frames[Math.min(frames.length - 1, Math.floor(frames.length * p))] || 0;
    return { start, end: performance.now(), frames: frames.length, p50: at(0.5), p95: at(0.95), max: frames[frames.length - 1] || 0, rows: el.querySelectorAll('.vrow').length };
  })()`;
  const scroll = await page.evaluate<{ start: number; end: number; frames: number; p50: number; p95: number; max: number; rows: number }>(SCROLL_SCRIPT);
  const tasks = await page.evaluate(() => window.__longtasks);

  const report = {
    messages: N,
    threadRowsLoaded: Number(count),
    navigationToInteractiveTaskListMs: Math.round(nav.interactive),
    domContentLoadedMs: Math.round(nav.domContentLoaded),
    openConversationMs: Math.round(openEnd - openStart),
    loadWholeThreadByScrollingMs: Math.round(loadEnd - loadStart),
    scrollThrough: {
      ms: Math.round(scroll.end - scroll.start),
      frames: scroll.frames,
      frameP50Ms: Math.round(scroll.p50 * 10) / 10,
      frameP95Ms: Math.round(scroll.p95 * 10) / 10,
      frameMaxMs: Math.round(scroll.max * 10) / 10,
      domRowsMounted: scroll.rows,
    },
    longTasks: {
      startup: summarize(tasks, 0, nav.interactive + 1),
      openConversation: summarize(tasks, openStart, openEnd + 1),
      loadWholeThread: summarize(tasks, loadStart, loadEnd + 1),
      scrollThrough: summarize(tasks, scroll.start, scroll.end + 1),
    },
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  await server.stop();
}
