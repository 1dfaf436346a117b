import { randomUUID, createHash } from 'node:crypto';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import {
  request as playwrightRequest,
  type APIRequestContext,
  type APIResponse,
  type Page,
} from '@playwright/test';
import { expect, test, type RunningHubProcess } from './fixtures/hub';

/**
 * The ticket view through real Chromium against the built hub: the whole
 * incident lifecycle, comments, an attachment uploaded through the file
 * chooser and downloaded again, and the not-synced markers clearing.
 */
const ARTIFACTS = 'tests/e2e/artifacts';
/** From the top: a full-page shot of a scrolled page draws the fixed header mid-page. */
const shot = async (page: Page, name: string) => {
  await page.evaluate(() =>
    (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
  );
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

/** A real PNG (a soft gradient with a bar), so the preview shows a picture. */
const makePng = (w: number, h: number): Buffer => {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows: Buffer[] = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 3);
    for (let x = 0; x < w; x++) {
      const bar = y > h * 0.4 && y < h * 0.6 && x > w * 0.2 && x < w * 0.8;
      row[1 + x * 3] = bar ? 230 : 60 + Math.round((x / w) * 120);
      row[2 + x * 3] = bar ? 90 : 100 + Math.round((y / h) * 100);
      row[3 + x * 3] = bar ? 60 : 190;
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

const AGENT = { username: 'sam.rivera', password: 'field engineer 42', name: 'Sam Rivera' };
const COLLEAGUE = { username: 'ana.lopez', password: 'second line 42', name: 'Ana Lopez' };

/** Admin work through the API: a queue, the agent and a requester. */
const seed = async (hub: RunningHubProcess) => {
  const admin: APIRequestContext = await playwrightRequest.newContext({ baseURL: hub.url });
  const ok = async (p: Promise<APIResponse>) => {
    const res = await p;
    expect(res.ok(), await res.text()).toBe(true);
    return res;
  };
  await ok(admin.post('/api/v1/auth/login', { data: hub.admin }));
  const queue = (await (
    await ok(admin.post('/api/v1/admin/queues', { data: { name: 'Service Desk' } }))
  ).json()) as { queue: { id: string } };
  const user = async (username: string, displayName: string, roles: string[], password: string) =>
    (
      (await (
        await ok(
          admin.post('/api/v1/admin/users', {
            data: {
              username,
              displayName,
              password,
              roles,
              queueIds: roles.includes('agent') ? [queue.queue.id] : [],
            },
          }),
        )
      ).json()) as { user: { id: string } }
    ).user.id;
  await user(AGENT.username, AGENT.name, ['agent'], AGENT.password);
  await user(COLLEAGUE.username, COLLEAGUE.name, ['agent'], COLLEAGUE.password);
  const requesterId = await user('rita.moreno', 'Rita Moreno', ['requester'], 'requester pass 1');
  await admin.dispose();
  return { queueId: queue.queue.id, requesterId };
};

const signIn = async (page: Page, hub: RunningHubProcess, who = AGENT) => {
  await page.goto(hub.url);
  await page.getByLabel('Username', { exact: true }).fill(who.username);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByTestId('current-user-name')).toHaveText(who.name);
};

/** An incident raised from another device of the agent (a push with its own client id). */
const raiseIncident = async (page: Page, base: string, queueId: string, requesterId: string) => {
  const id = randomUUID();
  const now = Date.now();
  const res = await page.request.post(`${base}/sync/v1/push`, {
    data: {
      protocol: 2,
      clientId: randomUUID(),
      mutations: [
        {
          id: 1,
          name: 'incident.create',
          version: 1,
          args: {
            id,
            title: 'Outlook keeps asking for the password',
            description:
              'Since this morning Outlook on **LT-0412** prompts for the password every few minutes.\n\n- Restarted the laptop: no change\n- Webmail works',
            queueId,
            requesterId,
            impact: 2,
            urgency: 2,
            category: 'Email',
          },
          hlc: `${String(now).padStart(15, '0')}-000000-e2e`,
          createdAt: now,
        },
      ],
    },
  });
  expect(res.ok(), await res.text()).toBe(true);
  return id;
};

test('an agent works an incident from assignment to closure, with a comment and an attachment', async ({
  page,
  hub,
  browser,
}) => {
  // A whole lifecycle in one story; a 2-core machine shared with other suites needs the room.
  test.setTimeout(300_000);
  const { queueId, requesterId } = await seed(hub);
  await signIn(page, hub);
  const id = await raiseIncident(page, hub.url, queueId, requesterId);

  await page.goto(`${hub.url}/#/tickets/${id}`);
  const view = page.getByTestId('ticket-view');
  await expect(page.getByTestId('ticket-title')).toHaveText(
    'Outlook keeps asking for the password',
  );
  await expect(page.getByTestId('ticket-number')).toHaveText(/^INC\d{7}$/);
  // New: only the valid transitions are offered.
  const states = page.getByRole('group', { name: 'Change state' });
  await expect(states.getByRole('button')).toHaveText(['In Progress', 'Cancelled']);

  // Assign through the field editor.
  await page.getByRole('button', { name: 'Edit assignee' }).click();
  await page.getByRole('option', { name: AGENT.name }).click();
  await expect(page.getByTestId('field-assigneeId')).toContainText(AGENT.name);

  await states.getByRole('button', { name: 'In Progress' }).click();
  await expect(view.getByText('In Progress', { exact: true }).first()).toBeVisible();
  await expect(states.getByRole('button')).toHaveText(['On Hold…', 'Resolved…', 'Cancelled']);

  // On Hold needs a reason; awaiting the caller pauses the SLA clock.
  await states.getByRole('button', { name: 'On Hold…' }).click();
  const hold = page.getByRole('dialog', { name: 'Move to On Hold' });
  await hold.getByRole('combobox', { name: 'Hold reason' }).click();
  await hold.getByRole('option', { name: /Awaiting caller/ }).click();
  await shot(page, 'ticket-on-hold-dialog');
  await hold.getByRole('button', { name: 'Move to On Hold' }).click();
  await expect(hold).toBeHidden();
  await expect(page.getByTestId('sla-resolution')).toContainText('Paused');
  await expect(view.getByText('Awaiting caller').first()).toBeVisible();

  // Resume.
  await states.getByRole('button', { name: 'In Progress' }).click();
  await expect(states.getByRole('button', { name: 'On Hold…' })).toBeVisible();

  // A reply with Ctrl+Enter appears in the timeline.
  await page.keyboard.press('c');
  const reply = page.getByRole('textbox', { name: 'Reply to the requester' });
  await expect(reply).toBeFocused();
  await reply.fill(
    'Hi Rita, I have reset your mail profile. Could you **restart Outlook** and tell me if it still asks?',
  );
  await reply.press('Control+Enter');
  await expect(page.getByTestId('comment-public')).toContainText('restart Outlook');
  await expect(reply).toHaveValue('');

  // An internal note is tinted and labelled.
  await page.getByRole('tab', { name: 'Internal note' }).click();
  const note = page.getByRole('textbox', { name: 'Internal note' });
  await note.fill('Token cache was corrupt after the **AD password change**; cleared it remotely.');
  await note.press('Control+Enter');
  await expect(page.getByTestId('comment-internal')).toContainText('Internal note');

  // Attachment through the real file chooser.
  const dir = await mkdtemp(join(tmpdir(), 'outpost-attach-'));
  const png = makePng(320, 200);
  const file = join(dir, 'outlook-prompt.png');
  await writeFile(file, png);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles(file);
  const row = page.getByTestId('attachment-row');
  await expect(row).toContainText('outlook-prompt.png');
  await expect(row).toContainText('image/png');
  // Sent to the hub: the upload badge and every not-synced marker go away.
  await expect(row.getByText(/Uploading|Not uploaded yet/)).toHaveCount(0);
  await expect(page.getByTestId('not-synced')).toHaveCount(0);
  const sha = createHash('sha256').update(png).digest('hex');
  const fromHub = await page.request.get(`${hub.url}/blobs/${sha}?ticket=${id}`);
  expect(fromHub.status()).toBe(200);
  expect(Buffer.compare(await fromHub.body(), png)).toBe(0);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download outlook-prompt.png' }).click();
  const saved = await (await download).path();
  expect(Buffer.compare(await readFile(saved), png)).toBe(0);
  expect((await download).suggestedFilename()).toBe('outlook-prompt.png');

  await page.getByRole('button', { name: 'Preview outlook-prompt.png' }).click();
  await expect(
    page
      .getByRole('dialog', { name: 'outlook-prompt.png' })
      .getByRole('img', { name: 'outlook-prompt.png' }),
  ).toBeVisible();
  await shot(page, 'ticket-lightbox');
  await page.keyboard.press('Escape');
  // The shot of the page must not catch the preview on its way out.
  await expect(page.getByRole('dialog', { name: 'outlook-prompt.png' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Preview outlook-prompt.png' })).toBeFocused();

  await page.mouse.move(0, 0);
  await shot(page, 'ticket-view');
  await expectAccessible(page, 'ticket view');

  // Resolve needs a code and notes.
  await states.getByRole('button', { name: 'Resolved…' }).click();
  const resolve = page.getByRole('dialog', { name: 'Move to Resolved' });
  await resolve.getByRole('button', { name: 'Move to Resolved' }).click();
  await expect(resolve.getByRole('alert')).toContainText(
    'resolving needs a resolution code and notes',
  );
  await resolve.getByRole('combobox', { name: 'Resolution code' }).click();
  await resolve.getByRole('option', { name: 'Fixed' }).click();
  await resolve
    .getByLabel('Resolution notes')
    .fill('Cleared the corrupt token cache; Outlook signs in again.');
  await shot(page, 'ticket-resolve-dialog');
  await resolve.getByRole('button', { name: 'Move to Resolved' }).click();
  await expect(resolve).toBeHidden();
  await expect(page.getByTestId('timeline-state').last()).toContainText(
    'Resolution: Fixed: Cleared the corrupt token cache',
  );

  // Reopen, resolve again, close.
  await states.getByRole('button', { name: 'Reopen' }).click();
  await expect(view.getByText('Reopened 1×')).toBeVisible();
  await states.getByRole('button', { name: 'Resolved…' }).click();
  await resolve.getByRole('combobox', { name: 'Resolution code' }).click();
  await resolve.getByRole('option', { name: 'Workaround applied' }).click();
  await resolve.getByLabel('Resolution notes').fill('Profile rebuilt; watching for a recurrence.');
  await resolve.getByRole('button', { name: 'Move to Resolved' }).click();
  await states.getByRole('button', { name: 'Closed' }).click();
  await expect(page.getByRole('group', { name: 'Change state' })).toHaveCount(0);
  await expect(
    page.getByText('This ticket is finished and can no longer be edited.'),
  ).toBeVisible();
  await expect(page.getByTestId('not-synced')).toHaveCount(0);
  await shot(page, 'ticket-closed');

  // A colleague on another device has no local copy: preview and download stream from the hub.
  const other = await browser.newContext({ acceptDownloads: true, reducedMotion: 'reduce' });
  const page2 = await other.newPage();
  await signIn(page2, hub, COLLEAGUE);
  await page2.goto(`${hub.url}/#/tickets/${id}`);
  await expect(page2.getByTestId('attachment-row')).toContainText('Sam Rivera');
  await expect(
    page2.getByRole('button', { name: 'Preview outlook-prompt.png' }).locator('img'),
  ).toBeVisible();
  const download2 = page2.waitForEvent('download');
  await page2.getByRole('button', { name: 'Download outlook-prompt.png' }).click();
  expect(Buffer.compare(await readFile(await (await download2).path()), png)).toBe(0);
  await other.close();
  await rm(dir, { recursive: true, force: true });
});

test('offline, a reply keeps a not-synced marker and its draft survives a reload', async ({
  page,
  hub,
  context,
}) => {
  const { queueId, requesterId } = await seed(hub);
  await signIn(page, hub);
  const id = await raiseIncident(page, hub.url, queueId, requesterId);
  await page.goto(`${hub.url}/#/tickets/${id}`);
  await expect(page.getByTestId('ticket-title')).toBeVisible();

  const reply = page.getByRole('textbox', { name: 'Reply to the requester' });
  await reply.fill('Draft that must survive a reload');
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Reply to the requester' })).toHaveValue(
    'Draft that must survive a reload',
  );

  await context.setOffline(true);
  await page.getByRole('textbox', { name: 'Reply to the requester' }).press('Control+Enter');
  const comment = page.getByTestId('comment-public');
  await expect(comment).toContainText('Draft that must survive a reload');
  await expect(comment.getByTestId('not-synced')).toBeVisible();
  await shot(page, 'ticket-offline-comment');
  await context.setOffline(false);
  await expect(comment.getByTestId('not-synced')).toHaveCount(0);
});
