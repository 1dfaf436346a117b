import AxeBuilder from '@axe-core/playwright';
import { request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';
import { expect, test, type RunningHubProcess } from './fixtures/hub';

/**
 * Creating incidents and service requests through the forms, and finding
 * tickets with the command palette (also by a word only a comment has, and
 * offline), through real Chromium against the built hub.
 */
const ARTIFACTS = 'tests/e2e/artifacts';
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });

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

const expectedConsoleErrors = [
  /Failed to load resource: the server responded with a status of 401/,
  /'frame-ancestors' is ignored when delivered via a <meta> element/,
  // Going offline on purpose: the sync loop's requests fail until it is back.
  /net::ERR_INTERNET_DISCONNECTED/,
  /Failed to load resource: net::ERR_INTERNET_DISCONNECTED/,
];

/** CSP violations (a blocked worker would be one) and uncaught errors fail the test. */
const watchForBreakage = (page: Page) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error' || expectedConsoleErrors.some((re) => re.test(m.text()))) return;
    problems.push(`console error: ${m.text()}`);
  });
  return problems;
};

const AGENT = { username: 'dana.okafor', password: 'service desk 7', name: 'Dana Okafor' };

const laptopItem = (id: string, queueId: string) => ({
  id,
  name: 'Laptop',
  description: 'A standard laptop with docking station, set up with your accounts.',
  category: 'Hardware',
  defaultQueueId: queueId,
  needsApproval: true,
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
    {
      key: 'quantity',
      label: 'Quantity',
      kind: 'number',
      required: true,
      help: 'At most 5 per request',
      min: 1,
      max: 5,
      integer: true,
    },
    { key: 'adminRights', label: 'Local admin rights', kind: 'boolean', required: true, help: '' },
    { key: 'neededBy', label: 'Needed by', kind: 'date', required: false, help: '' },
    {
      key: 'justification',
      label: 'Business justification',
      kind: 'text',
      required: true,
      help: '',
      maxLength: 500,
    },
  ],
});

/**
 * Admin work through the hub's API: a queue, the agent, a requester and the
 * service catalogue (PUT /admin/settings, the same call an admin screen makes).
 */
const seed = async (hub: RunningHubProcess) => {
  const admin: APIRequestContext = await playwrightRequest.newContext({ baseURL: hub.url });
  const ok = async <T>(
    p: Promise<{ ok(): boolean; text(): Promise<string>; json(): Promise<unknown> }>,
  ) => {
    const res = await p;
    expect(res.ok(), await res.text()).toBe(true);
    return (await res.json()) as T;
  };
  await ok(admin.post('/api/v1/auth/login', { data: hub.admin }));
  const { queue } = await ok<{ queue: { id: string } }>(
    admin.post('/api/v1/admin/queues', { data: { name: 'Service Desk' } }),
  );
  const user = async (username: string, displayName: string, roles: string[], password: string) =>
    (
      await ok<{ user: { id: string } }>(
        admin.post('/api/v1/admin/users', {
          data: {
            username,
            displayName,
            password,
            roles,
            queueIds: roles.includes('agent') ? [queue.id] : [],
          },
        }),
      )
    ).user.id;
  await user(AGENT.username, AGENT.name, ['agent'], AGENT.password);
  await user('rita.moreno', 'Rita Moreno', ['requester'], 'requester pass 1');
  const { settings } = await ok<{ settings: Record<string, unknown> }>(
    admin.get('/api/v1/admin/settings'),
  );
  await ok(
    admin.put('/api/v1/admin/settings', {
      data: {
        ...settings,
        catalogItems: [
          laptopItem('0190f5a0-0000-7000-8000-000000000001', queue.id),
          {
            id: '0190f5a0-0000-7000-8000-000000000002',
            name: 'Software licence',
            description: 'A licence for software from the approved list.',
            category: 'Software',
            defaultQueueId: queue.id,
            needsApproval: false,
            active: true,
            fields: [],
          },
        ],
      },
    }),
  );
  await admin.dispose();
};

const signIn = async (page: Page, hub: RunningHubProcess) => {
  await page.goto(hub.url);
  await page.getByLabel('Username', { exact: true }).fill(AGENT.username);
  await page.getByLabel('Password', { exact: true }).fill(AGENT.password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByTestId('current-user-name')).toHaveText(AGENT.name);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-connection', 'online');
};

const pickSegment = async (page: Page, group: 'Impact' | 'Urgency', label: string) => {
  await page.getByRole('radiogroup', { name: group }).getByText(label, { exact: true }).click();
};

const openPalette = async (page: Page) => {
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('combobox', { name: 'Search tickets or type a command' });
  await expect(palette).toBeFocused();
  return palette;
};

test('an agent logs an incident and a catalogue request, comments, and finds them with Ctrl+K, also offline', async ({
  page,
  hub,
  context,
}) => {
  // One long journey on a busy 2-core machine: a hang guard, not a speed budget.
  test.setTimeout(300_000);
  const problems = watchForBreakage(page);
  await seed(hub);
  await signIn(page, hub);

  // --- New incident (n), with the priority derived as impact and urgency change.
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { name: 'New incident' })).toBeVisible();
  const title = page.getByRole('textbox', { name: 'Title' });
  await expect(title).toBeFocused();
  await title.fill('VPN drops every few minutes at the Leeds office');
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill(
      'Since the firmware update on **Monday** the tunnel resets.\n\n- Wired and wifi alike\n- About 40 people affected',
    );
  const priority = page.getByTestId('derived-priority');
  await expect(priority).toContainText('P5 Planning');
  await pickSegment(page, 'Impact', 'High');
  await expect(priority).toContainText('P3 Moderate');
  await pickSegment(page, 'Urgency', 'Medium');
  await expect(priority).toContainText('P2 High');
  await page.getByRole('combobox', { name: 'Category' }).fill('Network');
  // The draft is kept on the device: a reload loses nothing.
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(
    'VPN drops every few minutes at the Leeds office',
  );
  await expect(page.getByTestId('derived-priority')).toContainText('P2 High');
  await page
    .getByRole('radiogroup', { name: 'Description: write or preview' })
    .getByText('Preview', { exact: true })
    .click();
  await expect(page.getByTestId('markdown-preview').locator('strong')).toHaveText('Monday');
  await page.mouse.move(0, 0);
  await shot(page, 'create-incident');
  await expectAccessible(page, 'new incident form');
  await page.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.getByTestId('ticket-title')).toHaveText(
    'VPN drops every few minutes at the Leeds office',
  );
  await expect(page.getByTestId('ticket-view')).toContainText('P2 High');
  await expect(page.getByTestId('ticket-number')).toHaveText(/^INC\d{7}$/);
  const incidentNumber = (await page.getByTestId('ticket-number').textContent())!;

  // --- A comment with a word no title or description has.
  await page.keyboard.press('c');
  const reply = page.getByRole('textbox', { name: 'Reply to the requester' });
  await reply.fill('We replaced the Zyxelmodem firmware; please test again.');
  await reply.press('Control+Enter');
  await expect(page.getByTestId('comment-public')).toContainText('Zyxelmodem');

  // --- A duplicate is suggested while a similar title is typed. (On a ticket `n` writes a
  // note, so the New menu it is.)
  await page.getByTestId('new-menu').click();
  await page.getByRole('menuitem', { name: 'Incident' }).click();
  await page.getByRole('textbox', { name: 'Title' }).fill('VPN keeps dropping every few minutes');
  const suggestions = page.getByTestId('duplicate-suggestions');
  await expect(suggestions).toContainText('Possibly the same issue');
  await expect(suggestions.getByTestId(`duplicate-${incidentNumber}`)).toBeVisible();
  await suggestions.getByTestId(`duplicate-${incidentNumber}`).click();
  const preview = page.getByTestId('duplicate-preview');
  await expect(preview).toContainText('About 40 people affected');
  await shot(page, 'create-incident-duplicate');
  await page.getByRole('button', { name: 'Back to my draft' }).click();
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await page.getByRole('button', { name: 'Discard', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('');

  // --- A service request from a catalogue item with its own fields.
  await page.getByTestId('new-menu').click();
  await page.getByRole('menuitem', { name: 'Service request' }).click();
  await expect(page.getByRole('heading', { name: 'New service request' })).toBeVisible();
  await expect(page.getByTestId('catalog-item-Software licence')).toBeVisible();
  await shot(page, 'create-request-catalogue');
  await page.getByRole('textbox', { name: 'What do you need?' }).fill('lap');
  await expect(page.getByTestId('catalog-item-Software licence')).toHaveCount(0);
  await page.getByTestId('catalog-item-Laptop').click();
  await expect(page.getByTestId('request-item-name')).toHaveText('Laptop');
  await expect(page.getByTestId('approval-note')).toContainText('waits in Approval');
  await page.getByRole('button', { name: 'Raise request' }).click();
  // Every missing answer is named next to its field; nothing typed is lost.
  const fields = page.getByTestId('catalog-fields');
  await expect(fields).toContainText('Model is required');
  await expect(fields).toContainText('Quantity is required');
  await expect(fields).toContainText('Local admin rights is required');
  await expect(fields).toContainText('Business justification is required');
  await page.getByRole('combobox', { name: 'Model' }).click();
  await page.getByRole('option', { name: 'ThinkPad T14' }).click();
  await page.getByRole('textbox', { name: 'Quantity' }).fill('9');
  await page.getByRole('radio', { name: 'No' }).check();
  await page.getByLabel('Needed by').fill('2031-03-02');
  await page
    .getByRole('textbox', { name: 'Business justification' })
    .fill('New starter in Finance');
  await page.getByRole('button', { name: 'Raise request' }).click();
  await expect(fields).toContainText('Quantity must be at most 5');
  await page.getByRole('textbox', { name: 'Quantity' }).fill('2');
  await page.mouse.move(0, 0);
  await shot(page, 'create-request');
  await expectAccessible(page, 'new service request form');
  await page.getByRole('button', { name: 'Raise request' }).click();
  await expect(page.getByTestId('ticket-title')).toHaveText('Laptop');
  await expect(page.getByTestId('ticket-view')).toContainText('Approval');
  await expect(page.getByTestId('ticket-number')).toHaveText(/^REQ\d{7}$/);

  // --- Ctrl+K: a word only in a comment finds the incident, with the comment as snippet.
  let palette = await openPalette(page);
  await palette.fill('zyxelmod');
  const hit = page.getByTestId(`palette-ticket-${incidentNumber}`);
  await expect(hit).toBeVisible();
  await expect(hit).toContainText('Comment:');
  await expect(hit.locator('mark')).toHaveText(['Zyxelmodem']);
  await page.mouse.move(0, 0);
  await shot(page, 'search-palette');
  await expectAccessible(page, 'command palette');
  await palette.press('ArrowDown');
  await expect(hit).toHaveAttribute('aria-selected', 'true');
  await palette.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('ticket-number')).toHaveText(incidentNumber);

  // The number typed whole comes first; Esc closes.
  palette = await openPalette(page);
  await palette.fill(incidentNumber.toLowerCase());
  await expect(page.getByRole('option').first()).toContainText(incidentNumber);
  await palette.press('Escape');
  await expect(page.getByTestId('command-palette')).toHaveCount(0);

  // Commands: "new req" runs New service request.
  palette = await openPalette(page);
  await palette.fill('new req');
  await expect(page.getByRole('option', { name: /New service request/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await palette.press('Enter');
  await expect(page.getByRole('heading', { name: 'New service request' })).toBeVisible();

  // --- Offline: create an incident, then find both tickets without the hub.
  await context.setOffline(true);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-connection', /offline|error/);
  await page.getByTestId('new-menu').click();
  await page.getByRole('menuitem', { name: 'Incident' }).click();
  await page
    .getByRole('textbox', { name: 'Title' })
    .fill('Badge reader at reception rejects every card');
  await page.getByRole('button', { name: 'Create incident' }).click();
  await expect(page.getByTestId('ticket-title')).toHaveText(
    'Badge reader at reception rejects every card',
  );
  palette = await openPalette(page);
  await palette.fill('badge reader');
  await expect(page.getByRole('option', { name: /Badge reader at reception/ })).toBeVisible();
  await palette.fill('zyxelmodem');
  await expect(page.getByTestId(`palette-ticket-${incidentNumber}`)).toBeVisible();
  await shot(page, 'search-palette-offline');
  await palette.press('Escape');
  await context.setOffline(false);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-connection', 'online');

  // --- After a reload the saved index answers at once (no rebuild).
  await page.reload();
  await expect(page.getByTestId('ticket-title')).toBeVisible();
  palette = await openPalette(page);
  await palette.fill('zyxelmodem');
  await expect(page.getByTestId(`palette-ticket-${incidentNumber}`)).toBeVisible();
  await expect(page.getByTestId('palette-index-status')).toContainText('3 tickets on this device');

  // --- The ? list names the new keys.
  await palette.press('Escape');
  await expect(page.getByTestId('command-palette')).toHaveCount(0);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Search tickets, run a command');
  await expect(help).toContainText('New incident');
  await expect(help).toContainText('Search and command palette');
  await shot(page, 'shortcuts-all');

  expect(problems).toEqual([]);
});
