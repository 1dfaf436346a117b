import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';
import { formatHlc } from '../../src/shared/sync/hlc';
import { expect, test, type RunningHubProcess } from './fixtures/hub';

/**
 * The queue views through real Chromium against the built hub. Tickets are
 * made the way another client would make them: mutations pushed to
 * /sync/v1/push with a bearer token, their HLC times set in the past so the
 * SLA clocks are where a real desk's would be. The agent then signs in,
 * syncs, and works the lists.
 */
const ARTIFACTS = 'tests/e2e/artifacts';
const shot = async (page: Page, name: string) => {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
};

const expectAccessible = async (page: Page, label: string) => {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} [${n.failureSummary ?? ''}]`).join(', ')}`,
    );
  expect(bad, `accessibility problems on ${label}`).toEqual([]);
};

const AGENT = { username: 'sam.rivera', password: 'field engineer 42', name: 'Sam Rivera' };
const HOUR = 3_600_000;

interface Seeded {
  desk: string;
  network: string;
  /** Ticket ids by a short name. */
  ids: Record<string, string>;
}

/** Queues, people and tickets, through the hub's API (admin) and sync push (an agent's client). */
const seed = async (hub: RunningHubProcess): Promise<Seeded> => {
  const api: APIRequestContext = await playwrightRequest.newContext({ baseURL: hub.url });
  const ok = async (
    p: Promise<{ ok(): boolean; text(): Promise<string>; json(): Promise<unknown> }>,
  ) => {
    const res = await p;
    expect(res.ok(), await res.text()).toBe(true);
    return (await res.json()) as Record<string, { id: string }> & { token: string };
  };
  await ok(api.post('/api/v1/auth/login', { data: hub.admin }));
  const desk = (await ok(api.post('/api/v1/admin/queues', { data: { name: 'Service Desk' } })))
    .queue!.id;
  const network = (await ok(api.post('/api/v1/admin/queues', { data: { name: 'Network' } }))).queue!
    .id;
  const user = async (
    username: string,
    displayName: string,
    roles: string[],
    queueIds: string[],
    password = `${username} pass 1`,
  ) =>
    (
      await ok(
        api.post('/api/v1/admin/users', {
          data: { username, displayName, password, roles, queueIds },
        }),
      )
    ).user!.id;
  const sam = await user(AGENT.username, AGENT.name, ['agent'], [desk, network], AGENT.password);
  const ana = await user('ana.lopez', 'Ana Lopez', ['agent'], [desk]);
  const rita = await user('rita.moreno', 'Rita Moreno', ['requester'], []);
  await user('lee.park', 'Lee Park', ['agent', 'lead'], [desk, network]);
  await api.dispose();

  // The team lead's client pushes the tickets (one client id, mutation ids 1, 2, 3…).
  const client: APIRequestContext = await playwrightRequest.newContext({ baseURL: hub.url });
  const { token } = await ok(
    client.post('/api/v1/auth/login', {
      data: { username: 'lee.park', password: 'lee.park pass 1' },
    }),
  );
  const now = Date.now();
  const ids: Record<string, string> = {};
  const mutations: unknown[] = [];
  const push = (name: string, args: Record<string, unknown>, agoMs: number) =>
    mutations.push({
      id: mutations.length + 1,
      name,
      version: 1,
      args,
      hlc: formatHlc({ wallMs: now - agoMs, counter: mutations.length, nodeId: 'e2e-client' }),
      createdAt: now - agoMs,
    });
  const incident = (
    key: string,
    title: string,
    impact: number,
    urgency: number,
    opts: { queue?: string; assignee?: string | null; agoMs?: number; category?: string },
  ) => {
    ids[key] = randomUUID();
    push(
      'incident.create',
      {
        id: ids[key],
        title,
        description: `${title}. Reported by phone.`,
        queueId: opts.queue ?? desk,
        category: opts.category ?? 'Network',
        impact,
        urgency,
        requesterId: rita,
        assigneeId: opts.assignee ?? null,
      },
      opts.agoMs ?? 0,
    );
  };
  // P1 round the clock: 4 h to resolve. 3.5 h ago → 30 min left; 5 h ago → breached.
  incident('email', 'Email down for the whole finance floor', 1, 1, {
    agoMs: 3.5 * HOUR,
    category: 'Email',
  });
  incident('payroll', 'Payroll system unreachable', 1, 1, {
    assignee: sam,
    agoMs: 5 * HOUR,
    category: 'Applications',
  });
  incident('vpn', 'VPN drops every ten minutes', 1, 2, { assignee: sam, agoMs: 60_000 });
  incident('fan', 'Laptop fan very loud', 2, 2, {
    assignee: sam,
    agoMs: 60_000,
    category: 'Hardware',
  });
  incident('monitor', 'Second monitor flickers', 2, 3, {
    assignee: ana,
    agoMs: 60_000,
    category: 'Hardware',
  });
  incident('switch', 'Switch port flapping in room 4', 2, 2, { queue: network, agoMs: 60_000 });
  incident('toner', 'Printer toner low on floor 2', 3, 3, { agoMs: 60_000, category: 'Printing' });
  incident('dup', 'Duplicate of the VPN report', 2, 2, { assignee: sam, agoMs: 60_000 });
  push('ticket.transition', { ticketId: ids.dup, from: 'new', to: 'cancelled' }, 30_000);
  const res = await client.post('/sync/v1/push', {
    headers: { authorization: `Bearer ${token}` },
    data: { protocol: 2, clientId: randomUUID(), mutations },
  });
  expect(res.ok(), await res.text()).toBe(true);
  const body = (await res.json()) as { results: { status: string; error?: unknown }[] };
  expect(body.results.map((r) => r.status)).toEqual(mutations.map(() => 'applied'));
  await client.dispose();
  return { desk, network, ids };
};

const signIn = async (page: Page, hub: RunningHubProcess) => {
  await page.goto(hub.url);
  await page.getByLabel('Username', { exact: true }).fill(AGENT.username);
  await page.getByLabel('Password', { exact: true }).fill(AGENT.password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 60_000 });
};

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const count = (page: Page, testId: string) =>
  nav(page).getByTestId(testId).getByTestId('nav-count');
const rows = (page: Page) => page.getByTestId('queue-body').getByTestId('queue-row');

test('an agent works My work, a queue and Breaching soon, saves a view and opens a ticket by keyboard', async ({
  page,
  hub,
}) => {
  // One long flow on a shared 2-core machine: a hang guard, not a speed limit.
  test.setTimeout(360_000);
  const s = await seed(hub);
  await signIn(page, hub);

  // The sidebar counts open tickets per view once the first sync is in.
  // (The first sync of a loaded 2-core machine can take a while.)
  await expect(count(page, 'nav-work')).toHaveText('3', { timeout: 120_000 });
  await expect(count(page, 'nav-queue-Service Desk')).toHaveText('6');
  await expect(count(page, 'nav-queue-Network')).toHaveText('1');
  await expect(count(page, 'nav-unassigned')).toHaveText('3');
  await expect(count(page, 'nav-breaching')).toHaveText('2');

  // My work: mine and open, the breached P1 first.
  await nav(page).getByTestId('nav-work').click();
  await expect(page.getByRole('heading', { name: 'My work' })).toBeVisible();
  await expect(rows(page)).toHaveCount(3);
  await expect(rows(page).first()).toContainText('Payroll system unreachable');
  await expect(rows(page).first()).toContainText('Overdue');
  await expect(page.getByTestId('queue-count')).toHaveText('3 tickets');
  await shot(page, 'queue-my-work');
  await expectAccessible(page, 'my work');
  // Hovering an SLA countdown shows when it is due, in the grid's one shared tooltip.
  const overdue = rows(page)
    .first()
    .getByText(/Overdue/);
  await overdue.hover();
  const tip = page.getByRole('tooltip');
  await expect(tip).toHaveText(/^Resolution due \S/);
  await expect(overdue.locator('xpath=ancestor-or-self::*[@aria-describedby][1]')).toHaveAttribute(
    'aria-describedby',
    (await tip.getAttribute('id'))!,
  );
  await shot(page, 'queue-sla-tooltip');
  await page.mouse.move(0, 0);
  await expect(tip).toHaveCount(0);
  // "All" brings back the cancelled duplicate.
  await page.getByText('All', { exact: true }).click();
  await expect(rows(page)).toHaveCount(4);
  await page.getByText('Open', { exact: true }).click();
  await expect(rows(page)).toHaveCount(3);

  // A queue: sort by priority, then by title, then filter to P1.
  await nav(page).getByTestId('nav-queue-Service Desk').click();
  await expect(page.getByRole('heading', { name: 'Service Desk' })).toBeVisible();
  await expect(rows(page)).toHaveCount(6);
  await page.getByRole('button', { name: 'Sort by Priority' }).click();
  await expect(page.getByRole('columnheader', { name: /Priority/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(rows(page).first()).toContainText('P1 Critical');
  await expect(rows(page).last()).toContainText('P5 Planning');
  await page.getByRole('button', { name: 'Sort by Priority' }).click();
  await expect(rows(page).first()).toContainText('P5 Planning');
  await page.getByRole('button', { name: 'Sort by Title' }).click();
  await expect(rows(page).first()).toContainText('Email down for the whole finance floor');
  await page.getByRole('button', { name: 'Priority', exact: true }).click();
  await page
    .getByRole('dialog', { name: /Priority/ })
    .getByRole('checkbox', { name: /P1 Critical/ })
    .check();
  await page.keyboard.press('Escape');
  await expect(rows(page)).toHaveCount(2);
  await shot(page, 'queue-filtered');
  await expectAccessible(page, 'filtered queue');

  // Save it: it becomes a sidebar entry that reopens with the same filter.
  await page.getByRole('button', { name: 'Save view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save view' });
  await dialog.getByLabel('Name').fill('Service Desk P1s');
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(page.getByRole('heading', { name: 'Service Desk P1s' })).toBeVisible();
  await expect(nav(page).getByTestId('nav-view-Service Desk P1s')).toBeVisible();
  await nav(page).getByTestId('nav-unassigned').click();
  await expect(rows(page)).toHaveCount(3);
  await nav(page).getByTestId('nav-view-Service Desk P1s').click();
  await expect(rows(page)).toHaveCount(2);

  // Breaching soon: overdue first, then the one with 30 minutes left.
  await nav(page).getByTestId('nav-breaching').click();
  await expect(page.getByRole('heading', { name: 'Breaching soon' })).toBeVisible();
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).nth(0)).toContainText('Payroll system unreachable');
  await expect(rows(page).nth(1)).toContainText('Email down for the whole finance floor');
  await expect(rows(page).nth(1)).toContainText(/\d+m left/);
  await shot(page, 'queue-breaching');

  // Keyboard: g w to My work, / to filter, Esc back, j j Enter opens the second ticket.
  await page.keyboard.press('g');
  await page.keyboard.press('w');
  await expect(page.getByRole('heading', { name: 'My work' })).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByLabel('Filter tickets by number or title')).toBeFocused();
  await page.keyboard.type('laptop');
  await expect(rows(page)).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByRole('grid', { name: 'Tickets in My work' })).toBeFocused();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(page.locator('[role="row"][aria-selected="true"]')).toContainText(
    'VPN drops every ten minutes',
  );
  await shot(page, 'queue-keyboard');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/tickets/${s.ids.vpn}$`));
  await expect(page.getByText('VPN drops every ten minutes').first()).toBeVisible();

  // Back to the list: the selection is where it was.
  await page.goBack();
  await expect(page.locator('[role="row"][aria-selected="true"]')).toContainText(
    'VPN drops every ten minutes',
  );
});
