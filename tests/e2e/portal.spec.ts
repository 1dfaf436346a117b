import type { Browser, Page } from '@playwright/test';
import {
  adminApi,
  expectAccessible,
  shot,
  signIn,
  SLOW,
  watchForBreakage,
  type Person,
} from './fixtures/desk';
import { expect, test, type RunningHubProcess } from './fixtures/hub';

/**
 * The requester portal round trip through real Chromium against the built
 * hub, with two people at once (two browser contexts): Rita reports a
 * problem in the portal; Sam, an agent, finds it in his queue, replies,
 * writes an internal note and resolves it; Rita sees the reply but never the
 * note, says it is still broken (reopen), Sam resolves again, Rita confirms.
 */
const laptop = (queueId: string) => ({
  id: '0190f5a0-0000-7000-8000-000000000011',
  name: 'Laptop',
  description: 'A standard laptop with docking station, set up with your accounts.',
  category: 'Hardware',
  defaultQueueId: queueId,
  needsApproval: false,
  active: true,
  fields: [
    {
      key: 'model',
      label: 'Model',
      kind: 'select',
      required: true,
      help: '',
      options: ['ThinkPad T14', 'MacBook Air 13'],
    },
    { key: 'neededBy', label: 'Needed by', kind: 'date', required: false, help: '' },
  ],
});

const seed = async (hub: RunningHubProcess) => {
  const admin = await adminApi(hub);
  const network = await admin.queue('Network', 'Switches, wifi, VPN');
  const desk = await admin.queue('Service Desk', 'First line: calls, chat and the portal');
  const sam = await admin.user({
    username: 'sam.rivera',
    displayName: 'Sam Rivera',
    roles: ['agent'],
    queueIds: [desk, network],
  });
  const rita = await admin.user({
    username: 'rita.moreno',
    displayName: 'Rita Moreno',
    roles: ['requester'],
  });
  await admin.catalog([laptop(desk)]);
  await admin.dispose();
  return { desk, sam, rita };
};

const openAs = async (browser: Browser, hub: RunningHubProcess, who: Person) => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems = watchForBreakage(page);
  await signIn(page, hub, who);
  return { context, page, problems };
};

const portalState = (page: Page) => page.getByTestId('portal-ticket').getByTestId('portal-state');

test('a requester reports a problem in the portal; the desk answers and resolves; the requester rejects, then confirms', async ({
  browser,
  hub,
}) => {
  // Two people working one ticket back and forth on a 2-core machine: a hang guard.
  test.setTimeout(360_000);
  const { desk, sam, rita } = await seed(hub);

  // --- Rita lands in the portal, not the agent workspace.
  const r = await openAs(browser, hub, rita);
  const rp = r.page;
  await expect(rp.getByRole('heading', { name: 'Hello, Rita' })).toBeVisible();
  await expect(rp).toHaveURL(/#\/portal$/);
  await expect(rp.getByTestId('portal-empty')).toContainText('Nothing here yet');
  await expect(rp.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await shot(rp, 'portal-home-empty');
  await expectAccessible(rp, 'portal home (empty)');
  // An agent link sends her back to the portal.
  await rp.goto(`${hub.url}/#/incidents`);
  await expect(rp).toHaveURL(/#\/portal$/);

  // --- A catalogue request, with the item's own question.
  await rp.getByTestId('portal-request-something').click();
  await expect(rp.getByRole('heading', { name: 'Request something' })).toBeVisible();
  await rp.getByTestId('catalog-item-Laptop').click();
  await rp.getByRole('button', { name: 'Send request' }).click();
  await expect(rp.getByTestId('portal-request-fields')).toContainText('Model is required');
  await rp.getByRole('combobox', { name: 'Model' }).click();
  await rp.getByRole('option', { name: 'MacBook Air 13' }).click();
  await rp.getByRole('textbox', { name: 'Anything else we should know?' }).fill('For my new role');
  await shot(rp, 'portal-create-request');
  await expectAccessible(rp, 'portal request form');
  await rp.getByRole('button', { name: 'Send request' }).click();
  await expect(rp.getByTestId('portal-ticket-title')).toHaveText('Laptop');
  await expect(rp.getByTestId('portal-ticket-number')).toHaveText(/^REQ\d{7}$/, {
    timeout: SLOW,
  });

  // --- Report a problem, impact and urgency asked in plain words.
  await rp.keyboard.press('n');
  await expect(rp.getByRole('heading', { name: 'Report a problem' })).toBeVisible();
  const title = 'Printer on floor 2 jams on every page';
  await rp.getByRole('textbox', { name: 'What is wrong?' }).fill(title);
  await rp
    .getByRole('textbox', { name: 'Tell us more' })
    .fill('Since Monday the HP by the kitchen jams. I tried another tray.');
  await rp.getByRole('radio', { name: 'Several people' }).check();
  await rp.getByRole('radio', { name: 'Part of my work is blocked' }).check();
  await shot(rp, 'portal-create-problem');
  await expectAccessible(rp, 'portal report form');
  await rp.getByRole('button', { name: 'Send report' }).click();
  await expect(rp.getByTestId('portal-ticket-title')).toHaveText(title);
  await expect(rp.getByTestId('portal-ticket-number')).toHaveText(/^INC\d{7}$/, {
    timeout: SLOW,
  });
  await expect(portalState(rp)).toHaveText('Received');
  const number = (await rp.getByTestId('portal-ticket-number').textContent())!;
  const ticketUrl = rp.url();
  const ticketId = decodeURIComponent(ticketUrl.split('/').pop()!);

  // --- Sam sees it in the Service Desk queue and opens it.
  const a = await openAs(browser, hub, sam);
  const ap = a.page;
  await ap.goto(`${hub.url}/#/queues/${desk}`);
  const row = ap.getByTestId('queue-row').filter({ hasText: title });
  await expect(row).toContainText(number, { timeout: SLOW });
  await expect(row).toContainText('P3 Moderate');
  await row.click();
  await expect(ap.getByTestId('ticket-title')).toHaveText(title);
  await expect(ap).toHaveURL(new RegExp(`#/tickets/${ticketId}$`));
  const states = ap.getByRole('group', { name: 'Change state' });
  await states.getByRole('button', { name: 'In Progress' }).click();

  // A public reply and an internal note.
  const publicReply = 'Hi Rita, we are replacing the fuser. Please try again after lunch.';
  const internalNote = 'Fuser worn out; ordered part 4711 from the vendor.';
  await ap.getByRole('textbox', { name: 'Reply to the requester' }).fill(publicReply);
  await ap.getByRole('textbox', { name: 'Reply to the requester' }).press('Control+Enter');
  await expect(ap.getByTestId('comment-public')).toContainText('replacing the fuser');
  await ap.getByRole('tab', { name: 'Internal note' }).click();
  await ap.getByRole('textbox', { name: 'Internal note' }).fill(internalNote);
  await ap.getByRole('textbox', { name: 'Internal note' }).press('Control+Enter');
  await expect(ap.getByTestId('comment-internal')).toContainText('part 4711');

  const resolve = async (notes: string) => {
    await states.getByRole('button', { name: 'Resolved…' }).click();
    const dialog = ap.getByRole('dialog', { name: 'Move to Resolved' });
    await dialog.getByRole('combobox', { name: 'Resolution code' }).click();
    await dialog.getByRole('option', { name: 'Fixed' }).click();
    await dialog.getByLabel('Resolution notes').fill(notes);
    await dialog.getByRole('button', { name: 'Move to Resolved' }).click();
    await expect(dialog).toBeHidden();
    await expect(ap.getByTestId('not-synced')).toHaveCount(0, { timeout: SLOW });
  };
  await resolve('Replaced the fuser unit; test pages print cleanly.');

  // --- Rita sees the reply and the resolution, never the internal note.
  await expect(portalState(rp)).toHaveText('Fixed? Please confirm', { timeout: SLOW });
  const convo = rp.getByTestId('portal-conversation');
  await expect(convo.getByTestId('portal-message')).toContainText([publicReply]);
  await expect(convo).toContainText('Sam Rivera marked it as fixed');
  await expect(rp.getByTestId('portal-resolution')).toContainText('Replaced the fuser unit');
  // The note was written before the resolution, which she already has: it is simply not hers.
  await expect(rp.getByText(/part 4711/)).toHaveCount(0);
  await expect(rp.getByText('Internal note')).toHaveCount(0);

  // She says it is still broken; a reason is required.
  const card = rp.getByTestId('portal-resolution');
  await card.getByRole('button', { name: 'No, it’s still broken' }).click();
  await card.getByRole('button', { name: 'Reopen it' }).click();
  await expect(card).toContainText('Tell the service desk what is still wrong');
  await card
    .getByRole('textbox', { name: 'What is still wrong?' })
    .fill('Still jams on double-sided pages.');
  await shot(rp, 'portal-ticket-reject');
  await card.getByRole('button', { name: 'Reopen it' }).click();
  await expect(portalState(rp)).toHaveText('Being worked on');
  await expect(convo).toContainText('You said it is not sorted yet, so it was reopened');
  await expect(convo.getByTestId('portal-message').last()).toContainText('double-sided');
  await expect(rp.getByTestId('portal-unsent')).toHaveCount(0, { timeout: SLOW });

  // --- Sam sees the reopen and her reason, and resolves again.
  await expect(ap.getByText('Reopened 1×')).toBeVisible({ timeout: SLOW });
  await expect(ap.getByTestId('comment-public').last()).toContainText('double-sided');
  await resolve('Cleaned the duplex unit as well; double-sided pages print fine.');

  // --- Rita confirms: closed on both screens.
  await expect(portalState(rp)).toHaveText('Fixed? Please confirm', { timeout: SLOW });
  await expect(card).toContainText('Cleaned the duplex unit');
  await shot(rp, 'portal-ticket');
  await expectAccessible(rp, 'portal ticket');
  await card.getByRole('button', { name: 'Yes, it’s fixed' }).click();
  await expect(portalState(rp)).toHaveText('Closed');
  await expect(rp.getByTestId('portal-finished')).toBeVisible();
  await expect(rp.getByTestId('portal-reply')).toHaveCount(0);
  await expect(
    ap.getByTestId('ticket-view').getByText('Closed', { exact: true }).first(),
  ).toBeVisible({ timeout: SLOW });
  await expect(ap.getByRole('group', { name: 'Change state' })).toHaveCount(0);

  // --- My requests: the request still open, the problem report closed.
  await rp.getByRole('navigation', { name: 'Portal' }).getByText('My requests').click();
  await expect(rp.getByTestId('portal-open')).toContainText('Laptop');
  await expect(rp.getByTestId('portal-closed')).toContainText(title);
  await shot(rp, 'portal-home');
  await expectAccessible(rp, 'portal home');

  expect(r.problems).toEqual([]);
  expect(a.problems).toEqual([]);
  await r.context.close();
  await a.context.close();
});
