import { testConfig } from '../packages/testkit/src/index';
import { accept, customer, expect, expectAccessible, offerCard, setAvailable, signIn, test } from './desktop-helpers';

/** The areas beside the Desk: shown by role, reached by keyboard, and the Desk lives on behind them. */

const nav = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: 'Areas' });

test('an agent has the Desk only: no area links, and an area URL shows the Desk', async ({ page, server }) => {
  await signIn(page, server.url);
  await expect(page.getByRole('navigation', { name: 'Task List' })).toBeVisible();
  await expect(nav(page)).toHaveCount(0);
  await page.goto(`${server.url}/#/admin`);
  await expect(page.getByRole('navigation', { name: 'Task List' })).toBeVisible();
  await expect(page.getByRole('main', { name: 'Admin' })).toHaveCount(0);
});

test('a supervisor reaches Supervisor and Reports but not Admin', async ({ page, server }) => {
  await signIn(page, server.url, 'super');
  await expect(nav(page).getByRole('link')).toHaveText(['Desk', 'Supervisor', 'Reports']);
  await nav(page).getByRole('link', { name: 'Supervisor' }).click();
  await expect(page.getByRole('main', { name: 'Supervisor' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Supervisor' })).toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveURL(/#\/supervisor$/);
  await page.goto(`${server.url}/#/admin`);
  await expect(page.getByRole('main', { name: 'Admin' })).toHaveCount(0);
});

test('an admin moves between areas by keyboard, in both languages, and the page stays accessible', async ({ page, server }) => {
  await signIn(page, server.url, 'admin');
  await expect(nav(page).getByRole('link')).toHaveText(['Desk', 'Supervisor', 'Reports', 'Admin']);
  await nav(page).getByRole('link', { name: 'Admin' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main', { name: 'Admin' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('navigation', { name: '区域' }).getByRole('link')).toHaveText(['工作台', '主管视图', '报表', '管理']);
  await expect(page.getByRole('main', { name: '管理' })).toBeVisible();
});

/** A supervisor who also takes chats (the only one in the queue's team). */
function supervisorTakesChats() {
  const cfg = testConfig({ offerTimeoutSeconds: 30 });
  for (const a of cfg.agents) a.teams = [];
  const sup = cfg.agents.find((a) => a.id === 'sup')!;
  Object.assign(sup, { teams: ['team'], capacity: { webchat: 2 } });
  return cfg;
}

test.describe('a supervisor who takes chats', () => {
  test.use({ serverConfig: supervisorTakesChats() });
  test("gets an offer while in another area, and the Desk keeps the conversation behind the areas", async ({ page, server }) => {
    await signIn(page, server.url, 'super');
    await setAvailable(page);
    await nav(page).getByRole('link', { name: 'Reports' }).click();
    await expect(page.getByRole('main', { name: 'Reports' })).toBeVisible();
    const jane = await customer(server.url, 'Jane Doe');
    try {
      await expect(offerCard(page, 'Jane Doe')).toBeVisible();
      await nav(page).getByRole('link', { name: 'Desk' }).click();
      await accept(page, 'Jane Doe');
      await nav(page).getByRole('link', { name: 'Supervisor' }).click();
      await nav(page).getByRole('link', { name: 'Desk' }).click();
      await expect(page.getByRole('main').filter({ hasText: 'Jane Doe' })).toBeVisible();
    } finally {
      jane.close();
    }
  });
});
