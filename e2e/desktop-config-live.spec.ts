import { AgentClient } from '../packages/testkit/src/index';
import { expect, signIn, test } from './desktop-helpers';

/** What an admin changes reaches open Desks at once: no reload, no restart. */

test('an idle reason an admin adds shows in an open Desk, and one removed goes away', async ({ page, server }) => {
  await signIn(page, server.url);
  const state = page.getByRole('combobox', { name: 'Agent state' });
  await expect(state.getByRole('option', { name: 'Idle – Coaching' })).toHaveCount(0);
  const admin = await AgentClient.login(server.url, 'admin');
  await admin.call('PUT', '/api/admin/idle-reasons/coaching', { id: 'coaching', label: 'Coaching', labelZh: '辅导' });
  await expect(state.getByRole('option', { name: 'Idle – Coaching' })).toHaveCount(1);
  await state.selectOption({ label: 'Idle – Coaching' });
  await expect(state).toHaveValue('idle:coaching');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('combobox', { name: '座席状态' }).getByRole('option', { name: /辅导/ })).toHaveCount(1);
});
