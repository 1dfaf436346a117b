import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { adminApi, expectAccessible, openAs, pushAs, shot, SLOW, type Desk } from './fixtures/desk';
import { expect, test, type RunningHubProcess } from './fixtures/hub';

/**
 * Offline-first sync seen by two agents at once (two browser contexts, each
 * with its own IndexedDB) on one built hub: work done offline converges with
 * a colleague's concurrent work, the edit that lost is shown to its author
 * with re-apply / keep theirs, and a ticket created offline gets its number
 * and reaches the colleague's queue and search.
 */
const seed = async (hub: RunningHubProcess) => {
  const admin = await adminApi(hub);
  const desk = await admin.queue('Service Desk', 'First line: calls, chat and the portal');
  const sam = await admin.user({
    username: 'sam.rivera',
    displayName: 'Sam Rivera',
    roles: ['agent'],
    queueIds: [desk],
  });
  const ana = await admin.user({
    username: 'ana.lopez',
    displayName: 'Ana Lopez',
    roles: ['agent'],
    queueIds: [desk],
  });
  const rita = await admin.user({
    username: 'rita.moreno',
    displayName: 'Rita Moreno',
    roles: ['requester'],
  });
  await admin.dispose();
  return { desk, sam, ana, rita };
};

const connection = (page: Page) => page.getByTestId('sync-status');
const states = (page: Page) => page.getByRole('group', { name: 'Change state' });

const goOffline = async (d: Desk) => {
  await d.context.setOffline(true);
  await expect(connection(d.page)).toHaveAttribute('data-connection', /offline|error/);
};

/** Back online, and every local change has been accepted by the hub. */
const goOnline = async (d: Desk) => {
  await d.context.setOffline(false);
  await expect(connection(d.page)).toHaveAttribute('data-connection', 'online', { timeout: SLOW });
  await expect(connection(d.page)).not.toContainText('pending', { timeout: SLOW });
};

const editTitle = async (page: Page, title: string) => {
  await page.getByRole('button', { name: 'Edit title' }).click();
  const box = page.getByRole('textbox', { name: 'Title' });
  await box.fill(title);
  await box.press('Enter');
  await expect(page.getByTestId('ticket-title')).toHaveText(title);
};

const editCategory = async (page: Page, category: string) => {
  await page.getByRole('button', { name: 'Edit category' }).click();
  const box = page.getByRole('textbox', { name: 'Category' });
  await box.fill(category);
  await box.press('Enter');
  await expect(page.getByTestId('field-category')).toContainText(category);
};

/** A field edit made online is on the hub once its not-synced marker is gone. */
const expectSynced = async (page: Page) => {
  await expect(page.getByTestId('not-synced')).toHaveCount(0, { timeout: SLOW });
};

test('an agent works a ticket offline while a colleague edits it: both converge, the comment lands once, each loser sees the conflict and resolves it', async ({
  browser,
  hub,
}) => {
  // Two browsers, each bootstrapping and syncing, on a busy 2-core machine: a hang guard.
  test.setTimeout(300_000);
  const { desk, sam, ana, rita } = await seed(hub);
  const id = randomUUID();
  await pushAs(hub, sam, [
    {
      name: 'incident.create',
      args: {
        id,
        title: 'Printer queue stuck on floor 3',
        description: 'Jobs sit in the queue and never print.',
        queueId: desk,
        requesterId: rita.id,
        assigneeId: sam.id,
        impact: 2,
        urgency: 2,
        category: 'Printing',
      },
      agoMs: 60_000,
    },
    {
      name: 'ticket.transition',
      args: { ticketId: id, from: 'new', to: 'in_progress' },
      agoMs: 50_000,
    },
  ]);

  const a = await openAs(browser, hub, sam);
  const b = await openAs(browser, hub, ana);
  for (const d of [a, b]) {
    await d.page.goto(`${hub.url}/#/tickets/${id}`);
    await expect(d.page.getByTestId('ticket-title')).toHaveText('Printer queue stuck on floor 3', {
      timeout: SLOW,
    });
  }

  // Who loses is fixed by the order of the edits: last writer wins by HLC, and both
  // clocks are this machine's. Sam's offline title comes first (Ana's later title wins);
  // Ana's category comes before Sam's offline one (Sam's wins).
  await goOffline(a);
  await editTitle(a.page, 'Floor 3 printer queue stuck since the driver update');
  await expect(a.page.getByTestId('ticket-view').getByTestId('not-synced').first()).toBeVisible();

  await editTitle(b.page, 'Print spooler hangs on PRN-F3-01');
  await editCategory(b.page, 'Hardware');
  await expectSynced(b.page);

  await editCategory(a.page, 'Printer drivers');
  await a.page.keyboard.press('c');
  const reply = a.page.getByRole('textbox', { name: 'Reply to the requester' });
  await reply.fill('I restarted the spooler remotely; could you try printing again?');
  await reply.press('Control+Enter');
  await expect(a.page.getByTestId('comment-public')).toContainText('restarted the spooler');
  await states(a.page).getByRole('button', { name: 'On Hold…' }).click();
  const hold = a.page.getByRole('dialog', { name: 'Move to On Hold' });
  await hold.getByRole('combobox', { name: 'Hold reason' }).click();
  await hold.getByRole('option', { name: /Awaiting caller/ }).click();
  await hold.getByRole('button', { name: 'Move to On Hold' }).click();
  await expect(hold).toBeHidden();
  // Nothing reached the colleague while Sam was offline.
  await expect(b.page.getByTestId('comment-public')).toHaveCount(0);
  await expect(states(b.page).getByRole('button', { name: 'On Hold…' })).toBeVisible();

  await goOnline(a);

  // Both converge: Ana's title, Sam's category, On Hold, the comment exactly once.
  for (const d of [a, b]) {
    const p = d.page;
    await expect(p.getByTestId('ticket-title')).toHaveText('Print spooler hangs on PRN-F3-01', {
      timeout: SLOW,
    });
    await expect(p.getByTestId('field-category')).toContainText('Printer drivers', {
      timeout: SLOW,
    });
    await expect(states(p).getByRole('button')).toHaveText(['In Progress', 'Resolved…'], {
      timeout: SLOW,
    });
    await expect(p.getByTestId('ticket-view').getByText('Awaiting caller').first()).toBeVisible();
    await expect(p.getByTestId('comment-public')).toHaveCount(1, { timeout: SLOW });
    await expect(p.getByTestId('comment-public')).toContainText('restarted the spooler');
    await expect(p.getByTestId('not-synced')).toHaveCount(0);
  }

  // Sam's title lost to Ana's: he sees his value, hers, who and when.
  const samConflict = a.page.getByTestId('conflict');
  await expect(samConflict).toHaveCount(1, { timeout: SLOW });
  await expect(samConflict).toContainText(
    /Your change to the title lost to a change by Ana Lopez at /,
  );
  await expect(samConflict).toContainText(
    'Yours ‘Floor 3 printer queue stuck since the driver update’, theirs ‘Print spooler hangs on PRN-F3-01’',
  );
  await expect(samConflict.getByRole('button', { name: 'Re-apply mine' })).toBeVisible();
  await expect(samConflict.getByRole('button', { name: 'Keep theirs' })).toBeVisible();
  // Ana's category was overwritten by Sam's later one: she is told, not him.
  const anaConflict = b.page.getByTestId('conflict');
  await expect(anaConflict).toHaveCount(1, { timeout: SLOW });
  await expect(anaConflict).toContainText(
    /Your change to the category was overwritten by Sam Rivera/,
  );
  await expect(anaConflict).toContainText('Yours ‘Hardware’, theirs ‘Printer drivers’');
  // Sam's lost title also stays in his timeline, after the change that replaced it.
  await expect(a.page.getByTestId('timeline-overwritten')).toContainText(
    'Your change of the title to ‘Floor 3 printer queue stuck since the driver update’ was overwritten by Ana Lopez’s',
  );
  await a.page.mouse.move(0, 0);
  await shot(a.page, 'ticket-conflict');
  await expectAccessible(a.page, 'ticket with a conflict');

  // Sam re-applies his title: it becomes everyone's, without a new conflict for Ana.
  await samConflict.getByRole('button', { name: 'Re-apply mine' }).click();
  await expect(a.page.getByTestId('conflict')).toHaveCount(0);
  for (const d of [a, b]) {
    await expect(d.page.getByTestId('ticket-title')).toHaveText(
      'Floor 3 printer queue stuck since the driver update',
      { timeout: SLOW },
    );
  }
  await expectSynced(a.page);
  // Ana keeps Sam's category: her notice goes, the value stays on both.
  await expect(b.page.getByTestId('conflict')).toHaveCount(1);
  await anaConflict.getByRole('button', { name: 'Keep theirs' }).click();
  await expect(b.page.getByTestId('conflict')).toHaveCount(0);
  for (const d of [a, b]) {
    await expect(d.page.getByTestId('field-category')).toContainText('Printer drivers');
  }
  // Dismissed stays dismissed after a reload.
  await b.page.reload();
  await expect(b.page.getByTestId('ticket-title')).toHaveText(
    'Floor 3 printer queue stuck since the driver update',
  );
  await expect(b.page.getByTestId('conflict')).toHaveCount(0);

  expect(a.problems).toEqual([]);
  expect(b.problems).toEqual([]);
  await a.context.close();
  await b.context.close();
});

const openPalette = async (page: Page) => {
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('combobox', { name: 'Search tickets or type a command' });
  await expect(palette).toBeFocused();
  return palette;
};

test('an incident created offline is marked not yet synced, gets its number on reconnect, and a colleague sees it in the queue and finds it with Ctrl+K', async ({
  browser,
  hub,
}) => {
  test.setTimeout(300_000);
  const { sam, ana } = await seed(hub);
  const a = await openAs(browser, hub, sam);
  const b = await openAs(browser, hub, ana);

  await goOffline(a);
  await a.page.keyboard.press('n');
  await expect(a.page.getByRole('heading', { name: 'New incident' })).toBeVisible();
  const title = 'Badge reader at the loading dock rejects every card';
  await a.page.getByRole('textbox', { name: 'Title' }).fill(title);
  await a.page
    .getByRole('textbox', { name: 'Description' })
    .fill('Drivers wait outside; the reader beeps red for every badge since the power cut.');
  await a.page.getByRole('button', { name: 'Create incident' }).click();

  // Saved on this device only: a provisional label and the not-synced marker.
  await expect(a.page.getByTestId('ticket-title')).toHaveText(title);
  const number = a.page.getByTestId('ticket-number');
  await expect(number).toHaveText(/^INC-new-[0-9a-f]{4}$/);
  const provisional = (await number.textContent())!;
  await expect(a.page.getByTestId('ticket-view').getByTestId('not-synced').first()).toBeVisible();
  await expect(connection(a.page)).toContainText('pending');
  await shot(a.page, 'ticket-created-offline');
  await expectAccessible(a.page, 'ticket created offline');

  await goOnline(a);
  await expect(number).toHaveText(/^INC\d{7}$/, { timeout: SLOW });
  const incident = (await number.textContent())!;
  expect(incident).not.toBe(provisional);
  await expect(a.page.getByTestId('not-synced')).toHaveCount(0);

  // Ana, online all along, gets it in her queue with its number…
  await b.page
    .getByRole('navigation', { name: 'Main' })
    .getByTestId('nav-queue-Service Desk')
    .click();
  await expect(b.page.getByRole('heading', { name: 'Service Desk' })).toBeVisible();
  const row = b.page.getByTestId('queue-body').getByTestId('queue-row').filter({ hasText: title });
  await expect(row).toHaveCount(1, { timeout: SLOW });
  await expect(row).toContainText(incident);
  await expect(row).toContainText('Unassigned');

  // …and finds it by words only its description has, through Ctrl+K.
  const palette = await openPalette(b.page);
  await palette.fill('power cut');
  const hit = b.page.getByTestId(`palette-ticket-${incident}`);
  await expect(hit).toBeVisible({ timeout: SLOW });
  await palette.press('ArrowDown');
  await expect(hit).toHaveAttribute('aria-selected', 'true');
  await palette.press('Enter');
  await expect(b.page.getByTestId('ticket-number')).toHaveText(incident);
  await expect(b.page.getByTestId('ticket-title')).toHaveText(title);

  expect(a.problems).toEqual([]);
  expect(b.problems).toEqual([]);
  await a.context.close();
  await b.context.close();
});
