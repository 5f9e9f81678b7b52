import { adminNav, field, openAdmin, openKind } from './admin-helpers';
import { expect, expectAccessible, test } from './desktop-helpers';

/** Every admin page passes axe, is usable by keyboard, and speaks Chinese too. */

const KINDS = ['Entry points', 'Queues', 'Agents', 'Teams', 'Idle reasons', 'Wrap-up reasons', 'Templates', 'Workflows'];
const NEW = ['New entry point', 'New queue', 'New agent', 'New team', 'New idle reason', 'New wrap-up reason', 'New template', 'New workflow'];

test('each list, each form (business hours open, errors shown), the delete dialog and the audit log are axe clean', async ({ page, server }) => {
  test.setTimeout(120_000);
  await openAdmin(page, server.url);
  for (const [i, kind] of KINDS.entries()) {
    await openKind(page, kind);
    await expect(page.getByRole('table')).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: NEW[i] }).click();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByRole('alert').first()).toBeVisible();
    await expectAccessible(page);
  }
  await openKind(page, 'Queues');
  await page.getByRole('link', { name: 'New queue' }).click();
  await page.getByLabel('Open only during business hours').check();
  await page.getByRole('button', { name: 'Add hours on Saturday' }).click();
  await page.getByRole('button', { name: 'Add a closed date' }).click();
  await expectAccessible(page);
  await openKind(page, 'Entry points');
  await page.getByRole('link', { name: 'New entry point' }).click();
  await field(page, 'Channel').selectOption({ label: 'SMS' });
  await expect(field(page, 'authToken')).toHaveAttribute('type', 'password');
  await expectAccessible(page);
  await openKind(page, 'Teams');
  await page.getByRole('link', { name: 'team', exact: true }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await openKind(page, 'Audit log');
  await expect(page.getByRole('table')).toBeVisible();
  await expectAccessible(page);
});

test('by keyboard: the side list, a search, a form submitted with Enter', async ({ page, server }) => {
  await openAdmin(page, server.url);
  await adminNav(page).getByRole('link', { name: 'Teams', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Teams' })).toBeVisible();
  await page.getByRole('link', { name: 'New team' }).focus();
  await page.keyboard.press('Enter');
  await field(page, 'ID').focus();
  await page.keyboard.type('day');
  await page.keyboard.press('Tab');
  await expect(field(page, 'Name')).toBeFocused();
  await page.keyboard.type('Day shift');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Team day' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await openKind(page, 'Agents');
  await page.getByLabel('Search Agents').fill('two');
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('table')).toContainText('Agent Two');
});

test('in Chinese: the side list, the labels, the messages', async ({ page, server }) => {
  await openAdmin(page, server.url);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('navigation', { name: '配置' }).getByRole('link')).toHaveText([
    '入口点',
    '队列',
    '座席',
    '团队',
    '空闲原因',
    '话后处理原因',
    '模板',
    '工作流程',
    '审计日志',
  ]);
  await page.getByRole('navigation', { name: '配置' }).getByRole('link', { name: '队列' }).click();
  await page.getByRole('link', { name: '新建队列' }).click();
  await page.getByRole('button', { name: '创建', exact: true }).click();
  await expect(page.getByLabel('名称', { exact: true })).toHaveAccessibleDescription(/必填。/);
  await expect(page.getByRole('alert').first()).toHaveText('有 2 个字段需要修改。');
  await expect(page.getByRole('group', { name: '成员座席' })).toBeVisible();
  await expectAccessible(page);
});
