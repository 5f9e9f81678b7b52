import { testConfig } from '../packages/testkit/src/index';
import { accept, customer, expect, expectAccessible, offerCard, setAvailable, shot, signIn, task, test, thread } from './desktop-helpers';

test.describe('sign in, state, offers', () => {
  test('login, state selector, offer pop-up with channel fields, accept opens the pane', async ({ page, server }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(server.url);
    await expect(page.getByRole('textbox', { name: 'Username' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Password' })).toBeVisible();
    await expectAccessible(page);
    await shot(page, '01-login');

    await page.getByRole('textbox', { name: 'Username' }).fill('agent1');
    await page.getByRole('textbox', { name: 'Password' }).fill('wrong');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('Wrong username or password');

    await signIn(page, server.url, 'agent1');
    const state = page.getByRole('combobox', { name: 'Agent state' });
    const labels = await state.locator('option').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['Available', 'Idle – Break', 'Idle – Lunch']));
    await state.selectOption({ label: 'Idle – Lunch' });
    await expect(state).toHaveValue('idle:lunch');
    await setAvailable(page);

    const jane = await customer(server.url, 'Jane Doe');
    await jane.say('Hi, I need help with my order');
    const card = offerCard(page, 'Jane Doe');
    await expect(card).toBeVisible();
    // WebChat offer: customer name, email, queue name, timer, Accept.
    await expect(card).toContainText('Customer name');
    await expect(card).toContainText('jane.doe@example.com');
    await expect(card).toContainText('Chat');
    await expect(card.getByRole('button', { name: 'Accept', exact: true })).toBeVisible();
    const entry = task(page, 'Jane Doe');
    await expect(entry).toBeVisible();
    await expect(entry).toContainText('jane.doe@example.com');
    const timer = card.locator('.timer');
    const t0 = await timer.textContent();
    await expect(timer).not.toHaveText(t0 ?? ''); // it counts down

    // A second offer stacks above the first.
    const bob = await customer(server.url, 'Bob Stone');
    await bob.say('Hello?');
    await expect(offerCard(page, 'Bob Stone')).toBeVisible();
    await expect(page.locator('.offer-card')).toHaveCount(2);
    await expectAccessible(page);
    await shot(page, '02-offers-stacked');

    await accept(page, 'Jane Doe');
    await expect(thread(page)).toContainText('Hi, I need help with my order');
    const pane = page.getByRole('main');
    await expect(pane).toContainText('Chat');
    await expect(pane).toContainText('Agent One');
    await expect(page.locator('.msg-in .avatar').first()).toHaveText('JD');
    await accept(page, 'Bob Stone');
    await expect(page.getByRole('navigation', { name: 'Task List' }).getByRole('listitem')).toHaveCount(2);
    await expectAccessible(page);
    await shot(page, '03-accepted');
    await jane.close();
    await bob.close();
  });
});

test.describe('RONA', () => {
  // Long enough that a loaded machine still shows the offer before it expires; short enough to wait out.
  test.use({ serverConfig: testConfig({ offerTimeoutSeconds: 6 }) });

  test('an offer that times out disappears, the state turns RONA in red; Available leaves it', async ({ page, server }) => {
    await signIn(page, server.url, 'agent1');
    await setAvailable(page);
    const c = await customer(server.url, 'Rita Late');
    await c.say('anyone there?');
    await expect(offerCard(page, 'Rita Late')).toBeVisible();
    await expect(task(page, 'Rita Late')).toBeVisible();
    await expect(offerCard(page, 'Rita Late')).toHaveCount(0, { timeout: 15_000 });
    await expect(task(page, 'Rita Late')).toHaveCount(0);
    const state = page.getByRole('combobox', { name: 'Agent state' });
    await expect(state).toHaveValue('rona');
    await expect(state).toHaveClass(/is-rona/);
    const color = await state.evaluate((el) => getComputedStyle(el).color);
    expect(color).toBe('rgb(180, 35, 24)');
    await expectAccessible(page);
    await shot(page, '04-rona');
    await setAvailable(page);
    await expect(state).not.toHaveClass(/is-rona/);
    // Available again: the conversation is offered again.
    await expect(offerCard(page, 'Rita Late')).toBeVisible({ timeout: 10_000 });
    await c.close();
  });
});
