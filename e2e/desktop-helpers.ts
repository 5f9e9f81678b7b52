import { expect, test as base, type Browser, type Page } from '@playwright/test';
import { CustomerClient, startServer, testConfig, type ServerProcess } from '../packages/testkit/src/index';

/** Agent Desktop browser tests: a real server per test, customers over the web chat API. */

export type Config = ReturnType<typeof testConfig>;

export const test = base.extend<{ serverConfig: Config; serverEnv: Record<string, string>; server: ServerProcess }>({
  serverConfig: [testConfig({ offerTimeoutSeconds: 30 }), { option: true }],
  /** Extra environment for the server process (e.g. a limit a test must lift). */
  serverEnv: [{}, { option: true }],
  server: async ({ serverConfig, serverEnv }, use, testInfo) => {
    const server = await startServer({ config: serverConfig, env: serverEnv });
    await use(server);
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server.log', { body: server.logs() });
    await server.stop();
  },
});

export { expect };

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

/** Signs in through the login form and waits for the desk. */
export async function signIn(page: Page, url: string, username = 'agent1', password = 'pw'): Promise<void> {
  await page.goto(url);
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Agent state' })).toBeVisible();
}

export async function setAvailable(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Agent state' }).selectOption({ label: 'Available' });
  await expect(page.getByRole('combobox', { name: 'Agent state' })).toHaveValue('available');
}

/** A new page signed in as `username` and Available. */
export async function agentPage(browser: Browser, url: string, username: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await signIn(page, url, username);
  await setAvailable(page);
  return page;
}

export async function customer(url: string, name = 'Jane Doe', site = 'web'): Promise<CustomerClient> {
  return CustomerClient.open(url, { name, site, email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.com` });
}

export const offerCard = (page: Page, name: string) => page.locator('.offer-card').filter({ hasText: name });
export const task = (page: Page, name: string) => page.getByRole('navigation', { name: 'Task List' }).getByRole('listitem').filter({ hasText: name });

/** Accepts the offer for `name` from its pop-up. */
export async function accept(page: Page, name: string): Promise<void> {
  const card = offerCard(page, name);
  await card.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(card).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** No serious or critical axe-core violations once animations have finished (see ./axe). */
export { expectAccessible } from './axe';

export const composer = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
export const thread = (page: Page) => page.getByRole('log', { name: 'Messages' });
