import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { DailyReport, StoredEvent } from '../packages/protocol/src/index';
import { AgentClient, CustomerClient } from '../packages/testkit/src/index';
import { expect, expectAccessible, signIn, test } from './desktop-helpers';

/**
 * The day's figures in the browser: a supervisor opens Reports and sees the figures of the chats
 * this test drove (over the API), steps through days by keyboard, downloads the CSV, and the CSV
 * matches both what the test did and the server's stored figures. In the browser's own time zone.
 */

/**
 * A fixed-offset zone where it is about noon now, so the chats this test drives can never straddle
 * the day's midnight (in a fixed zone such as Asia/Shanghai a run near 16:00 UTC would split them
 * over two days). `Etc/GMT-N` is UTC+N (POSIX signs).
 */
function zoneNearNoon(now = new Date()): string {
  const offset = Math.max(-12, Math.min(14, 12 - now.getUTCHours()));
  return offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

const ZONE = zoneNearNoon();
test.use({ timezoneId: ZONE });

const nav = (page: Page) => page.getByRole('navigation', { name: 'Areas' });
const table = (page: Page, caption: RegExp) => page.getByRole('table', { name: caption });
const rowOf = (page: Page, caption: RegExp, header: string) => table(page, caption).getByRole('row').filter({ has: page.getByRole('rowheader', { name: header, exact: true }) });
const isOffer = (id: string) => (e: StoredEvent) => e.type === 'offer.created' && e.offer.conversationId === id;

test('a supervisor reads the day per queue, channel and wrap-up reason, and downloads the same figures as CSV', async ({ page, server }) => {
  const url = server.url;
  const a1 = await AgentClient.login(url, 'agent1');
  const a2 = await AgentClient.login(url, 'agent2');
  const customers: CustomerClient[] = [];
  try {
    await a1.connect();
    await a2.connect();
    await a1.available();
    // Chat 1: accepted in "Chat", transferred to "Chat Two", accepted there, ended, wrapped up.
    const c1 = await CustomerClient.open(url, { name: 'Ada', site: 'web', email: 'ada@example.com' });
    customers.push(c1);
    await a1.waitFor(isOffer(c1.conversationId));
    await a1.accept(c1.conversationId);
    await a1.transferToQueue(c1.conversationId, 'q-chat2');
    await a2.available();
    await a2.waitFor(isOffer(c1.conversationId));
    await a2.accept(c1.conversationId);
    await a2.end(c1.conversationId);
    await a2.wrapup(c1.conversationId, ['resolved']);
    await a1.wrapup(c1.conversationId, ['follow-up']);
    // Chat 2: the customer leaves before anyone accepts: abandoned in "Chat".
    const c2 = await CustomerClient.open(url, { name: 'Bo', site: 'web', email: 'bo@example.com' });
    customers.push(c2);
    await a1.waitFor(isOffer(c2.conversationId));
    c2.end();
    await a1.waitFor((e) => e.type === 'offer.withdrawn' && e.conversationId === c2.conversationId);
  } finally {
    for (const c of customers) await c.close();
    await a1.close();
    await a2.close();
  }

  await signIn(page, url, 'super');
  await nav(page).getByRole('link', { name: 'Reports' }).click();
  const area = page.getByRole('main', { name: 'Reports' });
  await expect(area.getByRole('heading', { level: 1, name: "The day's figures" })).toBeVisible();
  await expect(area.getByText(`Time zone: ${ZONE}`)).toBeVisible();
  const today = await page.evaluate((zone) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(Date.now()), ZONE);
  await expect(area.getByLabel('Day')).toHaveValue(today);

  // Per queue: Offered, Accepted, Abandoned, Transferred, RONA, then four times.
  const queues = new RegExp(`^Figures per queue on ${today}`);
  await expect(rowOf(page, queues, 'Chat').getByRole('cell')).toHaveText(['WebChat', '2', '1', '1', '1', '0', /^\d+\.\d s$/, /^\d+\.\d s$/, /^\d+\.\d s$/, /^\d+\.\d s$/]);
  await expect(rowOf(page, queues, 'Chat Two').getByRole('cell').nth(1)).toHaveText('1');
  await expect(rowOf(page, queues, 'Email').getByRole('cell').nth(6)).toHaveText('–None');
  await expect(rowOf(page, queues, 'Total').getByRole('cell').nth(1)).toHaveText('3');
  await expect(rowOf(page, /^Figures per channel/, 'WebChat').getByRole('cell').first()).toHaveText('3');
  await expect(rowOf(page, /^Wrap-up reasons chosen/, 'Resolved').getByRole('cell')).toHaveText('1');
  await expect(rowOf(page, /^Wrap-up reasons chosen/, 'Follow-up needed').getByRole('cell')).toHaveText('1');
  await expect(area.getByRole('img', { name: /^Chart: offered, accepted and abandoned per queue/ })).toBeVisible();
  await expect(area.getByRole('img', { name: /^Chart: 90th percentile wait per queue/ })).toBeVisible();
  await expectAccessible(page);

  // The CSV: downloaded, one row per queue/channel/total, equal to the test's counts and the stored figures.
  const [download] = await Promise.all([page.waitForEvent('download'), area.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe(`parley-${today}.csv`);
  const csv = readFileSync((await download.path())!, 'utf8').trimEnd().split('\n');
  expect(csv[0]).toBe(
    'date,time_zone,scope,queue_id,queue_name,channel,offered,accepted,abandoned,transferred,rona,handled,wait_avg_ms,wait_p90_ms,handle_avg_ms,handle_p90_ms,wrapup:follow-up,wrapup:resolved',
  );
  const counts = (line: string | undefined) => line?.split(',').slice(6, 12).join(',');
  const line = (prefix: string) => csv.find((l) => l.startsWith(`${today},${ZONE},${prefix}`));
  expect(counts(line('queue,q-chat,Chat,'))).toBe('2,1,1,1,0,1'); // offered, accepted, abandoned, transferred, rona, handled
  expect(counts(line('queue,q-chat2,'))).toBe('1,1,0,0,0,1');
  expect(counts(line('total,'))).toBe('3,2,1,1,0,2');
  expect(line('total,')?.split(',').slice(-2)).toEqual(['1', '1']);

  const sup = await AgentClient.login(url, 'super');
  const stored = await sup.call<DailyReport>('GET', `/api/reports/daily?date=${today}&tz=${encodeURIComponent(ZONE)}`);
  for (const q of stored.queues) {
    const f = [q.offered, q.accepted, q.abandoned, q.transferred, q.rona, q.handled, q.waitAvgMs ?? '', q.waitP90Ms ?? '', q.handleAvgMs ?? '', q.handleP90Ms ?? ''];
    expect(line(`queue,${q.queueId},`)?.split(',').slice(6, 16)).toEqual(f.map(String));
  }

  // Keyboard: the previous day has none of it; back to today.
  await area.getByRole('button', { name: 'Previous day' }).focus();
  await page.keyboard.press('Enter');
  await expect(rowOf(page, /^Figures per queue on /, 'Total').getByRole('cell').nth(1)).toHaveText('0');
  await expect(area.getByText('No wrap-up reason was chosen on this day.')).toBeVisible();
  await area.getByRole('button', { name: 'Next day' }).focus();
  await page.keyboard.press('Enter');
  await expect(area.getByLabel('Day')).toHaveValue(today);
  await expect(rowOf(page, queues, 'Total').getByRole('cell').nth(1)).toHaveText('3');

  // 中文
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '当日数据' })).toBeVisible();
  await expect(page.getByRole('table', { name: new RegExp(`^${today} 各队列数据`) })).toBeVisible();
  await expect(rowOf(page, /选择的话后处理原因$/, '已解决').getByRole('cell')).toHaveText('1');
  await expectAccessible(page);
});
