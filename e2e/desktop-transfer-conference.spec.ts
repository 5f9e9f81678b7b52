import { accept, agentPage, customer, expect, expectAccessible, offerCard, shot, task, test, thread } from './desktop-helpers';

test('transfer to an agent and to a queue; the transferring agent wraps up; capacity frees on Submit', async ({ browser, server }) => {
  const a1 = await agentPage(browser, server.url, 'agent1');
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('I want to talk to billing');
  await accept(a1, 'Jane Doe');
  const a2 = await agentPage(browser, server.url, 'agent2');

  // Transfer → Agent: searchable list with availability icons and Refresh list.
  await a1.getByRole('button', { name: 'Transfer', exact: true }).click();
  const dlg = a1.getByRole('dialog', { name: 'Transfer request' });
  await expect(dlg).toBeVisible();
  await expect(dlg.getByRole('radio', { name: 'Chat Two' })).toBeVisible();
  await expect(dlg.getByRole('radio', { name: 'Email' })).toHaveCount(0);
  await dlg.getByRole('radio', { name: 'Agent', exact: true }).check();
  const two = dlg.locator('.option').filter({ hasText: 'Agent Two' });
  await expect(two.locator('.dot')).toHaveClass(/dot-available/);
  await expect(dlg.locator('.option').filter({ hasText: 'Agent One' })).toHaveCount(0);
  await dlg.getByRole('searchbox').fill('three');
  await expect(dlg.locator('.option')).toHaveCount(1);
  await dlg.getByRole('searchbox').fill('');
  await dlg.getByRole('button', { name: 'Refresh list' }).click();
  await expect(two).toBeVisible();
  await two.getByRole('radio').check();
  await expectAccessible(a1);
  await shot(a1, '08-transfer-dialog');
  await dlg.getByRole('button', { name: 'Transfer', exact: true }).click();

  // The transferring agent gets the wrap-up dialog (web chat: several reasons).
  const wrap = a1.getByRole('dialog', { name: 'Wrap-up reasons' });
  await expect(wrap).toBeVisible();
  const submit = wrap.getByRole('button', { name: 'Submit wrap-up' });
  await expect(submit).toBeDisabled();
  await wrap.getByRole('checkbox', { name: 'Resolved' }).check();
  await wrap.getByRole('searchbox').fill('follow');
  await wrap.getByRole('checkbox', { name: 'Follow-up needed' }).check();
  await shot(a1, '09-wrapup');
  await submit.click();
  await expect(wrap).toHaveCount(0);
  await expect(task(a1, 'Jane Doe')).toHaveCount(0);

  // Agent Two receives a transfer request.
  const card = offerCard(a2, 'Jane Doe');
  await expect(card).toContainText('Transfer from Agent One');
  await accept(a2, 'Jane Doe');
  await expect(thread(a2)).toContainText('I want to talk to billing');

  // Transfer to a queue.
  await a2.keyboard.press('Alt+KeyT');
  const dlg2 = a2.getByRole('dialog', { name: 'Transfer request' });
  await dlg2.getByRole('searchbox').fill('two');
  await dlg2.getByRole('radio', { name: 'Chat Two' }).check();
  await dlg2.getByRole('button', { name: 'Transfer', exact: true }).click();
  const wrap2 = a2.getByRole('dialog', { name: 'Wrap-up reasons' });
  await wrap2.getByRole('checkbox', { name: 'Resolved' }).check();
  await wrap2.getByRole('button', { name: 'Submit wrap-up' }).click();
  await expect(task(a2, 'Jane Doe')).toHaveCount(0);
  // Agent One is available with free capacity: the queue offers it to them.
  await expect(offerCard(a1, 'Jane Doe')).toBeVisible();
  await jane.close();
});

test('conference: requested → conference, invited agent exits, owner ends conference and ends', async ({ browser, server }) => {
  const a1 = await agentPage(browser, server.url, 'agent1');
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('Can I speak to a specialist?');
  await accept(a1, 'Jane Doe');
  const a2 = await agentPage(browser, server.url, 'agent2');

  const invite = async () => {
    await a1.getByRole('button', { name: 'Conference', exact: true }).click();
    const dlg = a1.getByRole('dialog', { name: 'Conference request' });
    // Web chat conferences invite agents only: no Queue/Agent choice (WhatsApp has one).
    await expect(dlg.getByRole('radio', { name: 'Queue', exact: true })).toHaveCount(0);
    await dlg.getByRole('searchbox').fill('two');
    await dlg.getByRole('radio', { name: 'Agent Two' }).check();
    await expect(dlg.locator('.option .dot')).toHaveClass(/dot-available/);
    await dlg.getByRole('button', { name: 'Conference', exact: true }).click();
    await expect(dlg).toHaveCount(0);
    await expect(a1.getByTestId('pane-status')).toContainText('Conference requested');
    await expect(offerCard(a2, 'Jane Doe')).toContainText('Conference invitation from Agent One');
    await accept(a2, 'Jane Doe');
    await expect(a1.getByTestId('pane-status')).toHaveText(/^Conference/);
    await expect(a1.getByTestId('pane-status')).not.toContainText('requested');
    await expect(thread(a1)).toContainText('Agent Two');
  };

  await invite();
  await shot(a1, '10-conference-owner');
  // Only the owner can end the conference; the invited agent can exit.
  await expect(a2.getByRole('button', { name: 'Exit conference' })).toBeVisible();
  await expect(a2.getByRole('button', { name: 'End conference' })).toHaveCount(0);
  await expect(a2.getByRole('button', { name: 'End', exact: true })).toHaveCount(0);
  await expectAccessible(a2);
  await shot(a2, '11-conference-invited');
  await a2.getByRole('button', { name: 'Exit conference' }).click();
  const w2 = a2.getByRole('dialog', { name: 'Wrap-up reasons' });
  await w2.getByRole('checkbox', { name: 'Resolved' }).check();
  await w2.getByRole('button', { name: 'Submit wrap-up' }).click();
  await expect(task(a2, 'Jane Doe')).toHaveCount(0);
  // The owner's chat with the customer continues.
  await expect(a1.getByRole('button', { name: 'End', exact: true })).toBeVisible();
  await expect(a1.getByRole('textbox', { name: 'Message', exact: true })).toBeEnabled();

  await invite();
  // End conference (owner only): both agents wrap up (SPEC F6: the owner clicks End Conference, then wraps up).
  await a1.getByRole('button', { name: 'End conference' }).click();
  await expect(a2.getByRole('dialog', { name: 'Wrap-up reasons' })).toBeVisible();
  await a2.getByRole('dialog', { name: 'Wrap-up reasons' }).getByRole('checkbox', { name: 'Resolved' }).check();
  await a2.getByRole('button', { name: 'Submit wrap-up' }).click();
  const w1 = a1.getByRole('dialog', { name: 'Wrap-up reasons' });
  await expect(w1).toBeVisible();
  await w1.getByRole('checkbox', { name: 'Spam' }).check();
  await w1.getByRole('button', { name: 'Submit wrap-up' }).click();
  await expect(task(a1, 'Jane Doe')).toHaveCount(0);
  await expect(task(a2, 'Jane Doe')).toHaveCount(0);
  await jane.waitForFrame('status', (f) => f.status === 'ended' || f.status === 'closed');
  await jane.close();
});

test('conference: the owner cancels a pending request; the invitation leaves the invited agent', async ({ browser, server }) => {
  const a1 = await agentPage(browser, server.url, 'agent1');
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('Can I speak to a specialist?');
  await accept(a1, 'Jane Doe');
  const a2 = await agentPage(browser, server.url, 'agent2');
  await a1.getByRole('button', { name: 'Conference', exact: true }).click();
  const dlg = a1.getByRole('dialog', { name: 'Conference request' });
  await dlg.getByRole('radio', { name: 'Agent Two' }).check();
  await dlg.getByRole('button', { name: 'Conference', exact: true }).click();
  await expect(a1.getByTestId('pane-status')).toContainText('Conference requested');
  await expect(offerCard(a2, 'Jane Doe')).toBeVisible();
  await expectAccessible(a1);

  await a1.getByRole('button', { name: 'Cancel conference request' }).click();
  // Back to a plain active chat: no status line, no cancel button.
  await expect(a1.getByTestId('pane-status')).toHaveCount(0);
  await expect(a1.getByRole('button', { name: 'Cancel conference request' })).toHaveCount(0);
  await expect(thread(a1)).toContainText('The conference request was cancelled');
  await expect(offerCard(a2, 'Jane Doe')).toHaveCount(0);
  // The owner may ask again.
  await expect(a1.getByRole('button', { name: 'Conference', exact: true })).toBeVisible();
  await jane.close();
});

test('end: the owner ends, picks wrap-up reasons; the customer sees the end', async ({ browser, server }) => {
  const a1 = await agentPage(browser, server.url, 'agent1');
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('Thanks, that is all');
  await accept(a1, 'Jane Doe');
  await a1.getByRole('button', { name: 'End', exact: true }).click();
  const w1 = a1.getByRole('dialog', { name: 'Wrap-up reasons' });
  await expect(w1).toBeVisible();
  await expectAccessible(a1);
  // "Later" puts the dialog off; the pane's Wrap up button brings it back.
  await w1.getByRole('button', { name: 'Later' }).click();
  await expect(w1).toHaveCount(0);
  await expect(task(a1, 'Jane Doe')).toContainText('Wrap-up');
  await a1.getByRole('button', { name: 'Wrap up', exact: true }).click();
  await w1.getByRole('checkbox', { name: 'Resolved' }).check();
  await w1.getByRole('checkbox', { name: 'Spam' }).check();
  await w1.getByRole('button', { name: 'Submit wrap-up' }).click();
  await expect(task(a1, 'Jane Doe')).toHaveCount(0);
  await jane.waitForFrame('status', (f) => f.status === 'ended' || f.status === 'closed');
  await jane.close();
});

test('customer leaves: the pane says so and the agent wraps up', async ({ browser, server }) => {
  const a1 = await agentPage(browser, server.url, 'agent1');
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('bye');
  await accept(a1, 'Jane Doe');
  jane.end();
  await expect(a1.getByRole('dialog', { name: 'Wrap-up reasons' })).toBeVisible();
  await expect(a1.getByTestId('pane-status')).toContainText('The customer left');
  await a1.getByRole('dialog', { name: 'Wrap-up reasons' }).getByRole('checkbox', { name: 'Resolved' }).check();
  await a1.getByRole('button', { name: 'Submit wrap-up' }).click();
  await expect(task(a1, 'Jane Doe')).toHaveCount(0);
  await jane.close();
});
