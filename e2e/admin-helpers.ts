import type { Page } from '@playwright/test';
import { expect, signIn } from './desktop-helpers';

/** The admin area's pages, reached the way an admin does: the area link, then the side list. */

export const adminNav = (page: Page) => page.getByRole('navigation', { name: 'Configuration' });

export async function openAdmin(page: Page, url: string, username = 'admin'): Promise<void> {
  await signIn(page, url, username);
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('main', { name: 'Admin' })).toBeVisible();
}

/** Opens a kind's list from the side list ("Queues", "Audit log", …). */
export async function openKind(page: Page, label: string): Promise<void> {
  await adminNav(page).getByRole('link', { name: label, exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: label, exact: true })).toBeVisible();
}

/** Submits the open form and waits for its "Saved" status. */
export async function save(page: Page, button: 'Create' | 'Save' = 'Save'): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
}

export const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** The audit log row about one entity (its "What" cell reads e.g. "Created queue q-vip"). */
export const auditRow = (page: Page, what: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: what, exact: false }) });
