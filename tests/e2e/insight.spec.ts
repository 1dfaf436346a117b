import type { Locator, Page } from '@playwright/test';
import { expectAccessible, openAs, shot, SLOW } from './fixtures/desk';
import { expect, test } from './fixtures/hub';
import { seedArticles, seedPeople, seedTickets } from './fixtures/insight-seed';

/**
 * The two screens a service-desk lead steers by, through real Chromium on the
 * built hub: Knowledge (articles listed with their state, filtered, one read
 * with its Markdown rendered and raw HTML dropped) and Reports (headline
 * figures, period and queue, a chart's table). Everything is seeded through
 * the hub as another device would send it (fixtures/insight-seed.ts), and
 * every figure below is counted by hand from the tickets A–R listed there.
 */
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

test('a lead finds, filters and reads knowledge articles; an article’s Markdown renders and its raw HTML does not', async ({
  browser,
  hub,
}) => {
  test.setTimeout(180_000);
  const people = await seedPeople(hub);
  await seedArticles(hub, people);
  const lead = await openAs(browser, hub, people.lead);
  const { page } = lead;

  await nav(page, 'Knowledge').click();
  await expect(page.getByRole('heading', { name: 'Knowledge', level: 1 })).toBeVisible();
  const rows = page.getByTestId('article-row');
  await expect(rows).toHaveCount(2, { timeout: SLOW });
  const vpn = rows.filter({ hasText: 'Reset a forgotten VPN password' });
  const copier = rows.filter({ hasText: 'Floor 3 copier: driver workaround' });
  await expect(vpn).toContainText('Published');
  await expect(vpn).toContainText('How-to');
  await expect(vpn.getByTestId('article-topics')).toHaveText('Network · vpn, password');
  await expect(copier).toContainText('Draft');
  await expect(copier).toContainText('Workaround');
  await shot(page, 'knowledge-list');
  await expectAccessible(page, 'knowledge list');

  // Words of a tag narrow the list; the state switch shows drafts only.
  const filter = page.getByRole('textbox', { name: 'Filter articles' });
  await filter.fill('vpn');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Reset a forgotten VPN password');
  await filter.fill('');
  await page.getByRole('radiogroup', { name: 'Article state' }).getByText('Drafts').click();
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Floor 3 copier: driver workaround');
  await page.getByRole('radiogroup', { name: 'Article state' }).getByText('All').click();
  await expect(rows).toHaveCount(2);

  await vpn.getByRole('link', { name: 'Reset a forgotten VPN password' }).click();
  const view = page.getByTestId('article-view');
  await expect(view.getByRole('heading', { name: 'Reset a forgotten VPN password' })).toBeVisible();
  await expect(view).toContainText('Published');
  await expect(view).toContainText('By Lee Park');
  const body = page.getByTestId('article-body');
  await expect(body.locator('ol > li')).toHaveCount(3);
  await expect(body.locator('ul > li')).toHaveText([
    'Works on Windows and macOS',
    'Needs the caller’s employee number',
  ]);
  await expect(body.locator('strong')).toHaveText(['GlobalConnect VPN', 'self-service portal']);
  // The raw HTML is neither in the page nor run.
  await expect(body.locator('script, img, [onerror]')).toHaveCount(0);
  await expect(body).not.toContainText('__injected');
  expect(await page.evaluate('window.__injected')).toBeUndefined();
  await shot(page, 'knowledge-article');
  await expectAccessible(page, 'knowledge article');

  expect(lead.problems).toEqual([]);
  await lead.context.close();
});

/** The value and the line under one headline figure. */
const figure = (page: Page, id: string) => {
  const card = page.getByTestId(`figure-${id}`);
  return { value: card.getByTestId('figure-value'), detail: card.getByTestId('figure-detail') };
};

const expectFigures = async (page: Page, want: Record<string, [string, string?]>) => {
  for (const [id, [value, detail]] of Object.entries(want)) {
    const f = figure(page, id);
    await expect(f.value, `${id} figure`).toHaveText(value, { timeout: SLOW });
    if (detail !== undefined) await expect(f.detail, `${id} detail`).toHaveText(detail);
  }
};

const rowCells = (table: Locator, name: string) =>
  table.getByRole('row', { name: new RegExp(`^${name}`) }).locator('th, td');

test('a lead’s reports show the figures counted by hand from the desk’s tickets, by period and queue, and a chart’s table has the same numbers', async ({
  browser,
  hub,
}) => {
  test.setTimeout(240_000);
  const people = await seedPeople(hub);
  await seedTickets(hub, people);
  const lead = await openAs(browser, hub, people.lead);
  const { page } = lead;

  await nav(page, 'Reports').click();
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  // 30 days, all queues: A B D R F G C E H created in it, L resolved in it (10 tickets);
  // J and K are older. Open now: F, G, H.
  await expect(page.getByTestId('report-scope')).toContainText(
    'Based on 12 tickets on this device, all queues',
    { timeout: SLOW },
  );
  await expectFigures(page, {
    backlog: ['3'],
    flow: ['9 / 7', '2 more tickets created than resolved'],
    // R (≤ 30 min), A 1 h, B D E 2 h, C 6 h, L days: the middle of seven is 2 h.
    mttr: ['2h'],
    response: ['100%', '10 of 10 decided'],
    resolution: ['86%', '6 of 7 decided'],
    reopen: ['14%', '1 of 7 resolved tickets reopened'],
    reassign: ['10%', '1 of 10 tickets reassigned'],
  });
  const byQueue = page.getByTestId('report-queues').getByRole('table');
  await expect(rowCells(byQueue, 'Service Desk')).toHaveText([
    'Service Desk',
    '2',
    '6',
    '4',
    '1h 30m',
    '100%',
    '100%',
    '25%',
    '0%',
  ]);
  await expect(rowCells(byQueue, 'Network')).toHaveText([
    'Network',
    '1',
    '3',
    '3',
    '6h',
    '100%',
    '67%',
    '0%',
    '25%',
  ]);
  await shot(page, 'reports');
  await expectAccessible(page, 'reports');

  // The backlog chart as a table: the same open tickets by queue and priority.
  const backlog = page.getByTestId('chart-backlog-queue');
  await backlog.getByRole('button', { name: 'Show table' }).click();
  const backlogTable = backlog.getByRole('table');
  await expect(backlogTable.getByRole('row').first().locator('th')).toHaveText([
    'Queue',
    'P1',
    'P2',
    'P3',
    'P4',
    'P5',
    'Total',
  ]);
  await expect(rowCells(backlogTable, 'Service Desk')).toHaveText([
    'Service Desk',
    '0',
    '1',
    '1',
    '0',
    '0',
    '2',
  ]);
  await expect(rowCells(backlogTable, 'Network')).toHaveText([
    'Network',
    '0',
    '0',
    '0',
    '0',
    '1',
    '1',
  ]);
  await expect(backlog.getByRole('img')).toHaveCount(0);
  await backlog.getByRole('button', { name: 'Show chart' }).click();
  await expect(backlog.getByRole('img')).toHaveAttribute(
    'aria-label',
    'Open tickets by queue: Service Desk 2, Network 1.',
  );
  // Month by month, created and resolved add up to the headline's 9 / 7.
  const flow = page.getByTestId('chart-flow');
  await flow.getByRole('button', { name: 'Show table' }).click();
  const flowTable = flow.getByRole('table');
  await expect(flowTable.getByRole('row').first()).toHaveText(/^Month\s*Created\s*Resolved$/);
  const column = async (n: number) =>
    (await flowTable.locator(`tbody td:nth-of-type(${n})`).allTextContents()).map(Number);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  expect([sum(await column(1)), sum(await column(2))]).toEqual([9, 7]);
  const ages = page.getByTestId('chart-backlog-age');
  await ages.getByRole('button', { name: 'Show table' }).click();
  await expect(ages.getByRole('table').getByRole('row')).toHaveText([
    /^Age\s*Open tickets$/,
    /^Under 1 day\s*1$/,
    /^1–3 days\s*1$/,
    /^3–7 days\s*0$/,
    /^7–30 days\s*1$/,
    /^Over 30 days\s*0$/,
  ]);

  // 90 days adds J and K: every ticket is in it, K answered late.
  await page.getByRole('radiogroup', { name: 'Period' }).getByText('Last 90 days').click();
  await expectFigures(page, {
    backlog: ['3'],
    flow: ['12 / 9', '3 more tickets created than resolved'],
    response: ['92%', '11 of 12 decided'],
    resolution: ['89%', '8 of 9 decided'],
    reopen: ['11%', '1 of 9 resolved tickets reopened'],
    reassign: ['8%', '1 of 12 tickets reassigned'],
  });

  // One queue: the Service Desk's own figures, and no By queue table.
  await page.getByRole('combobox', { name: 'Queue' }).selectOption({ label: 'Service Desk' });
  await expect(page.getByTestId('report-scope')).toContainText(
    'Based on 7 tickets of Service Desk on this device',
  );
  await expectFigures(page, {
    backlog: ['2'],
    flow: ['7 / 5', '2 more tickets created than resolved'],
    response: ['100%', '7 of 7 decided'],
    resolution: ['100%', '5 of 5 decided'],
    reopen: ['20%', '1 of 5 resolved tickets reopened'],
    reassign: ['0%', '0 of 7 tickets reassigned'],
  });
  await expect(page.getByTestId('report-queues')).toHaveCount(0);
  await page.getByRole('radiogroup', { name: 'Period' }).getByText('Last 30 days').click();
  // R (≤ 30 min), A 1 h, B and D 2 h: the median of four is half-way between 1 h and 2 h.
  await expectFigures(page, {
    flow: ['6 / 4', '2 more tickets created than resolved'],
    mttr: ['1h 30m'],
    reopen: ['25%', '1 of 4 resolved tickets reopened'],
  });
  await page.getByRole('combobox', { name: 'Queue' }).selectOption({ label: 'Network' });
  await expectFigures(page, {
    backlog: ['1'],
    flow: ['3 / 3', 'As many resolved as created'],
    response: ['100%', '4 of 4 decided'],
    resolution: ['67%', '2 of 3 decided'],
    reassign: ['25%', '1 of 4 tickets reassigned'],
  });

  expect(lead.problems).toEqual([]);
  await lead.context.close();
});
