import { waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { KnowledgeArticle } from '../../../shared/domain/knowledge';
import { newId, type ArticleId, type UserId } from '../../../shared/ids';
import { openOutpostDb } from '../../db/database';
import { renderApp, seededHub } from '../../testing/render-app';

/**
 * The Knowledge section in the whole app (fake hub, fake IndexedDB): the
 * articles already in the agent's local store, as after a sync.
 */
const DAY = 86_400_000;

const article = (o: Partial<KnowledgeArticle> & { authorId: UserId }): KnowledgeArticle => ({
  id: newId<ArticleId>(),
  number: 'KB0000001',
  title: 'Article',
  body: '',
  kind: 'howto',
  state: 'published',
  audience: 'internal',
  category: '',
  tags: [],
  version: 1,
  createdAt: Date.now() - 10 * DAY,
  updatedAt: Date.now() - 10 * DAY,
  publishedAt: Date.now() - 10 * DAY,
  stamps: {},
  ...o,
});

const setup = async (make: (author: UserId) => KnowledgeArticle[]) => {
  const seeded = seededHub();
  seeded.hub.sessionUserId = seeded.agent.id;
  const db = openOutpostDb('http://hub.test', seeded.agent.id);
  await db.open();
  await db.users.bulkPut(seeded.hub.users.map(({ password: _p, ...u }) => u));
  const articles = make(seeded.agent.id as UserId);
  await db.articles.bulkPut(articles);
  db.close();
  return { ...seeded, articles };
};

const titles = (screen: ReturnType<typeof renderApp>['screen']) =>
  screen.queryAllByTestId('article-row').map((r) => within(r).getByRole('link').textContent);

describe('knowledge', () => {
  it('lists the articles on this device, newest change first, and filters them', async () => {
    const s = await setup((author) => [
      article({
        authorId: author,
        number: 'KB0000101',
        title: 'Reset a VPN token',
        category: 'Network',
        updatedAt: Date.now() - 3 * DAY,
      }),
      article({
        authorId: author,
        number: null,
        title: 'Printer queue stuck',
        state: 'draft',
        kind: 'workaround',
        publishedAt: null,
        updatedAt: Date.now() - 5 * 60_000,
      }),
      article({
        authorId: author,
        number: 'KB0000007',
        title: 'Old mail client setup',
        state: 'retired',
        audience: 'public',
      }),
    ]);
    const { screen, user } = renderApp({ hub: s.hub, hash: '#/knowledge' });
    expect(await screen.findByRole('heading', { name: 'Knowledge' })).toBeTruthy();
    await waitFor(() =>
      expect(titles(screen)).toEqual([
        'Printer queue stuck',
        'Reset a VPN token',
        'Old mail client setup',
      ]),
    );
    const [draft, , retired] = screen.getAllByTestId('article-row');
    expect(draft!.textContent).toContain('Not numbered');
    expect(draft!.textContent).toContain('Workaround');
    expect(draft!.textContent).toContain('Draft');
    expect(draft!.textContent).toContain('5 min ago');
    expect(retired!.textContent).toContain('KB0000007');
    expect(retired!.textContent).toContain('Requesters and staff');
    expect(
      within(screen.getAllByTestId('article-row')[1]!).getByTestId('article-topics'),
    ).toHaveProperty('textContent', 'Network');

    await user.type(screen.getByLabelText('Filter articles'), 'network');
    await waitFor(() => expect(titles(screen)).toEqual(['Reset a VPN token']));
    await user.clear(screen.getByLabelText('Filter articles'));
    const states = screen.getByRole('radiogroup', { name: 'Article state' });
    await user.click(within(states).getByText('Retired'));
    await waitFor(() => expect(titles(screen)).toEqual(['Old mail client setup']));
  });

  it('leaves out the number column while no article has a number yet', async () => {
    const s = await setup((author) => [
      article({ authorId: author, number: null, title: 'Reset a VPN token', tags: ['vpn'] }),
      article({ authorId: author, number: null, title: 'Printer queue stuck', state: 'draft' }),
    ]);
    const { screen } = renderApp({ hub: s.hub, hash: '#/knowledge' });
    const table = await screen.findByRole('table', { name: 'Knowledge articles' });
    await waitFor(() => expect(within(table).getAllByTestId('article-row')).toHaveLength(2));
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Title', 'Kind', 'State', 'Readers', 'Updated']);
    expect(within(table).getByTestId('article-topics').textContent).toBe('vpn');
  });

  it('opens an article and renders its Markdown without any raw HTML', async () => {
    const s = await setup((author) => [
      article({
        authorId: author,
        title: 'Reset a VPN token',
        category: 'Network',
        tags: ['vpn', 'mfa'],
        body: 'Open **Settings**, then:\n\n1. Sign out\n2. Sign in\n\n<img src=x onerror="alert(1)"><script>alert(2)</script>',
      }),
    ]);
    const { screen, user } = renderApp({ hub: s.hub, hash: '#/knowledge' });
    await user.click(await screen.findByRole('link', { name: 'Reset a VPN token' }));
    expect(window.location.hash).toBe(`#/knowledge?article=${s.articles[0]!.id}`);

    const view = await screen.findByTestId('article-view');
    expect(within(view).getByRole('heading', { name: 'Reset a VPN token' })).toBeTruthy();
    expect(view.textContent).toContain('By Sam Agent · version 1');
    expect(view.textContent).toContain('Staff only');
    expect(within(view).getByText('mfa')).toBeTruthy();
    const body = screen.getByTestId('article-body');
    expect(body.querySelector('strong')?.textContent).toBe('Settings');
    expect(
      within(body)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Sign out', 'Sign in']);
    expect(body.querySelector('script, img, [onerror]')).toBeNull();

    await user.click(within(view).getByRole('link', { name: '← Knowledge' }));
    expect(await screen.findByTestId('article-row')).toBeTruthy();
  });

  it('says so when nothing is on this device, and when a linked article is missing', async () => {
    const s = await setup(() => []);
    const { screen } = renderApp({ hub: s.hub, hash: '#/knowledge' });
    expect(await screen.findByText('No knowledge articles yet')).toBeTruthy();
    expect(screen.getByText(/None are on this device/)).toBeTruthy();

    window.location.hash = `#/knowledge?article=${newId()}`;
    expect(await screen.findByText('This article is not on this device')).toBeTruthy();
  });
});
