import { cleanup, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { newId, type ArticleId, type ConfigItemId, type TicketId } from '../../../shared/ids';
import { installShortcutListener } from '../../app/shortcut-registry';
import { createHarness, screen, type Harness } from './ticket-test-harness';

let h: Harness;
let uninstall: (() => void) | null = null;
afterEach(() => {
  cleanup();
  uninstall?.();
  uninstall = null;
  h?.db.close();
});

const mutate = async (name: string, args: unknown) => {
  const r = await h.engine.mutate({ name, version: 1, args });
  if (!r.ok) throw new Error(r.error.message);
};

/** A problem that became a known error with a workaround, through its workflow. */
const knownError = async (): Promise<TicketId> => {
  const id = newId<TicketId>();
  await mutate('problem.create', {
    id,
    title: 'Certificate expiry breaks VPN sign-in',
    queueId: h.queueId,
    impact: 2,
    urgency: 2,
  });
  for (const [from, to] of [
    ['new', 'assessed'],
    ['assessed', 'root_cause_analysis'],
  ])
    await mutate('ticket.transition', { ticketId: id, from, to });
  await mutate('ticket.transition', {
    ticketId: id,
    from: 'root_cause_analysis',
    to: 'known_error',
    workaround: 'Reconnect with the backup gateway vpn2.example.org',
  });
  await h.markSynced();
  return id;
};

describe('ticket links', () => {
  it('links an incident to its problem from the picker and shows the known error’s workaround', async () => {
    h = await createHarness();
    const problem = await knownError();
    const incident = await h.incident();
    const { user } = h.show(incident);
    await user.click(await screen.findByRole('button', { name: 'Add link' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a link' });
    await user.type(within(dialog).getByLabelText('Search'), 'certificate vpn');
    await user.click(await within(dialog).findByText('Certificate expiry breaks VPN sign-in'));

    await waitFor(async () =>
      expect((await h.db.outbox.toArray()).map((e) => e.args)).toEqual([
        { fromId: incident, kind: 'caused_by', to: { kind: 'ticket', id: problem } },
      ]),
    );
    await waitFor(() =>
      expect(screen.getByTestId('link-row').textContent).toContain('Caused byPRB-new-'),
    );
    const row = screen.getByTestId('link-row');
    expect(row.textContent).toContain('Certificate expiry breaks VPN sign-in');
    expect(within(row).getByTestId('not-synced')).toBeTruthy();
    const notice = await screen.findByTestId('known-error-workaround');
    expect(notice.textContent).toContain('Reconnect with the backup gateway vpn2.example.org');
  });

  it('reads the link from the problem’s side as “Causes”', async () => {
    h = await createHarness();
    const problem = await knownError();
    const incident = await h.incident();
    await mutate('ticket.link', {
      fromId: incident,
      kind: 'caused_by',
      to: { kind: 'ticket', id: problem },
    });
    h.show(problem);
    await waitFor(() =>
      expect(screen.getByTestId('link-row').textContent).toContain('VPN drops every few minutes'),
    );
    expect(screen.getByTestId('link-row').textContent).toContain('Causes');
  });
});

describe('links to articles and configuration items', () => {
  it('opens a linked article on the Knowledge page and shows a linked CI’s details', async () => {
    h = await createHarness();
    const incident = await h.incident();
    const articleId = newId<ArticleId>();
    const ciId = newId<ConfigItemId>();
    const at = Date.now();
    await h.db.articles.put({
      id: articleId,
      number: 'KB0000042',
      title: 'Reset a VPN token',
      body: 'Open **Settings**.',
      kind: 'howto',
      state: 'published',
      audience: 'internal',
      category: 'Network',
      tags: [],
      authorId: h.users.ana.id,
      version: 1,
      createdAt: at,
      updatedAt: at,
      publishedAt: at,
      stamps: {},
    });
    await h.db.cis.put({
      id: ciId,
      name: 'vpn-gw-01',
      kind: 'host',
      status: 'maintenance',
      ownerQueueId: h.queueId,
      parentId: null,
      description: 'Primary VPN gateway in Leeds.',
      attributes: { ip: '10.0.4.1', os: 'Debian 12' },
      createdBy: h.users.ana.id,
      createdAt: at,
      updatedAt: at,
      stamps: {},
    });
    await mutate('ticket.link', {
      fromId: incident,
      kind: 'documented_in',
      to: { kind: 'article', id: articleId },
    });
    await mutate('ticket.link', {
      fromId: incident,
      kind: 'affects',
      to: { kind: 'ci', id: ciId },
    });
    const { user } = h.show(incident);

    const article = await screen.findByRole('link', { name: 'Reset a VPN token' });
    expect(article.getAttribute('href')).toBe(`#/knowledge?article=${articleId}`);

    await user.click(await screen.findByRole('button', { name: 'Details of vpn-gw-01' }));
    const card = await screen.findByTestId('ci-details');
    expect(card.textContent).toContain('In maintenance');
    expect(card.textContent).toContain('Host · owned by Service Desk');
    expect(card.textContent).toContain('Primary VPN gateway in Leeds.');
    expect(within(card).getByText('10.0.4.1')).toBeTruthy();
  });
});

describe('ticket keys', () => {
  it('e edits the title, Esc cancels, c focuses the reply box', async () => {
    h = await createHarness();
    uninstall = installShortcutListener(window);
    const id = await h.incident();
    const { user } = h.show(id);
    await screen.findByTestId('ticket-title');
    await user.keyboard('e');
    const input = await screen.findByRole('textbox', { name: 'Title' });
    expect(document.activeElement).toBe(input);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Title' })).toBeNull());
    expect(await h.db.outbox.count()).toBe(0);

    await user.keyboard('c');
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('textbox', { name: 'Reply to the requester' }),
      ),
    );
  });
});
