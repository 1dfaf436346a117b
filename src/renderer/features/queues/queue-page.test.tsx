import { waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { businessHoursCalendar, calendar24x7 } from '../../../shared/domain/calendar';
import { defaultDomainSettings } from '../../../shared/domain/settings';
import { defaultSlaDefinitions } from '../../../shared/domain/sla';
import type { Ticket } from '../../../shared/domain/ticket';
import type { QueueId, UserId } from '../../../shared/ids';
import { openOutpostDb, type OutpostDb } from '../../db/database';
import { fakeId } from '../../testing/fake-hub';
import { renderApp, seededHub } from '../../testing/render-app';
import { ticket, type TicketSpec } from './testing';

/**
 * The queue screens in the whole app (fake hub, fake IndexedDB): what an
 * agent sees in My work, a queue, Unassigned and the sidebar, and how the
 * keyboard, sorting, filters and saved views behave.
 */
const setup = async (specs: (agent: UserId, queue: QueueId) => TicketSpec[]) => {
  const seeded = seededHub();
  const queue = fakeId<QueueId>();
  seeded.hub.queues.push({
    id: queue,
    name: 'Service Desk',
    description: 'First line',
    disabled: false,
  });
  seeded.hub.users.find((u) => u.id === seeded.agent.id)!.queueIds = [queue];
  seeded.hub.sessionUserId = seeded.agent.id;
  // The agent's local store already holds these (as after a sync).
  const db = openOutpostDb('http://hub.test', seeded.agent.id);
  await db.open();
  await db.calendars.bulkPut([calendar24x7, businessHoursCalendar('Europe/London')]);
  await db.slas.bulkPut([...defaultSlaDefinitions]);
  await db.hubSettings.put({ id: 'domain', value: defaultDomainSettings });
  await db.queues.put({
    id: queue,
    name: 'Service Desk',
    description: 'First line',
    disabled: false,
  });
  await db.users.bulkPut(seeded.hub.users.map(({ password: _p, ...u }) => u));
  const tickets: Ticket[] = specs(seeded.agent.id as UserId, queue).map(ticket);
  await db.tickets.bulkPut(tickets);
  db.close();
  return { ...seeded, queue, tickets };
};

const rowsOf = (screen: ReturnType<typeof renderApp>['screen']) =>
  within(screen.getByTestId('queue-body'))
    .queryAllByTestId('queue-row')
    .map((r) => r.querySelector('a')!.textContent);

const sidebarCount = (screen: ReturnType<typeof renderApp>['screen'], testId: string) =>
  within(screen.getByTestId(testId)).queryByTestId('nav-count')?.textContent ?? null;

describe('queue views in the app', () => {
  it('My work lists my open tickets most urgent first, and opens one with the keyboard', async () => {
    const s = await setup((me, q) => [
      { n: 1, priority: 3, assigneeId: me, queueId: q, title: 'Printer offline' },
      { n: 2, priority: 1, assigneeId: me, queueId: q, title: 'Email down for everyone' },
      { n: 3, priority: 2, assigneeId: me, queueId: q, title: 'VPN drops' },
      { n: 4, priority: 1, assigneeId: me, queueId: q, state: 'closed', title: 'Old one' },
      { n: 5, priority: 2, queueId: q, title: 'Nobody has this' },
    ]);
    const { screen, user } = renderApp({ hub: s.hub, hash: '#/work' });
    expect(await screen.findByRole('heading', { name: 'My work' })).toBeTruthy();
    await waitFor(() => expect(rowsOf(screen)).toEqual(['INC0000002', 'INC0000003', 'INC0000001']));
    expect(screen.getByTestId('queue-count').textContent).toBe('3 tickets');
    await waitFor(() => expect(sidebarCount(screen, 'nav-work')).toBe('3'));
    expect(sidebarCount(screen, 'nav-queue-Service Desk')).toBe('4');
    expect(sidebarCount(screen, 'nav-unassigned')).toBe('1');

    await user.keyboard('jj');
    const grid = screen.getByRole('grid', { name: 'Tickets in My work' });
    expect(document.activeElement).toBe(grid);
    const selected = within(grid).getAllByRole('row', { selected: true });
    expect(selected.map((r) => r.textContent)).toEqual([expect.stringContaining('VPN drops')]);
    expect(grid.getAttribute('aria-activedescendant')).toBe(selected[0]!.id);
    await user.keyboard('k{Enter}');
    expect(window.location.hash).toBe(`#/tickets/${s.tickets[1]!.id}`);
  });

  it('filters with / and the filter menus, and says why a filtered list is empty', async () => {
    const s = await setup((me, q) => [
      { n: 1, priority: 3, queueId: q, title: 'Printer offline', category: 'Printing' },
      { n: 2, priority: 1, queueId: q, title: 'VPN down in Leeds', category: 'Network' },
      { n: 3, priority: 2, queueId: q, title: 'VPN slow', category: 'Network', assigneeId: me },
    ]);
    const { screen, user } = renderApp({ hub: s.hub, hash: `#/queues/${s.queue}` });
    expect(await screen.findByRole('heading', { name: 'Service Desk' })).toBeTruthy();
    await waitFor(() => expect(rowsOf(screen)).toHaveLength(3));

    await user.keyboard('/');
    const filter = screen.getByLabelText('Filter tickets by number or title');
    expect(document.activeElement).toBe(filter);
    await user.keyboard('vpn');
    await waitFor(() => expect(rowsOf(screen)).toEqual(['INC0000002', 'INC0000003']));
    await user.keyboard('{Escape}');
    expect((filter as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(rowsOf(screen)).toHaveLength(3));

    await user.click(screen.getByRole('button', { name: 'Category' }));
    const menu = await screen.findByRole('dialog', { name: /Category/ });
    await user.click(within(menu).getByRole('checkbox', { name: /Printing/ }));
    await waitFor(() => expect(rowsOf(screen)).toEqual(['INC0000001']));
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Priority' }));
    const pri = await screen.findByRole('dialog', { name: /Priority/ });
    await user.click(within(pri).getByRole('checkbox', { name: /P1 Critical/ }));
    expect(await screen.findByText('No tickets match these filters')).toBeTruthy();
    expect(screen.getByText(/3 tickets in this view, none matching/)).toBeTruthy();
    await user.keyboard('{Escape}');
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect(rowsOf(screen)).toHaveLength(3));
  });

  it('sorts by any column, both ways', async () => {
    const s = await setup((_me, q) => [
      { n: 1, priority: 3, queueId: q, title: 'Bravo' },
      { n: 2, priority: 1, queueId: q, title: 'Charlie' },
      { n: 3, priority: 2, queueId: q, title: 'Alpha' },
    ]);
    const { screen, user } = renderApp({ hub: s.hub, hash: `#/queues/${s.queue}` });
    await waitFor(() => expect(rowsOf(screen)).toHaveLength(3));
    await user.click(screen.getByRole('button', { name: 'Sort by Title' }));
    await waitFor(() => expect(rowsOf(screen)).toEqual(['INC0000003', 'INC0000001', 'INC0000002']));
    const header = screen.getByRole('columnheader', { name: /Title/ });
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    await user.click(screen.getByRole('button', { name: 'Sort by Title' }));
    await waitFor(() => expect(rowsOf(screen)).toEqual(['INC0000002', 'INC0000001', 'INC0000003']));
    expect(header.getAttribute('aria-sort')).toBe('descending');
  });

  it('saves the current filters as a named view in the sidebar', async () => {
    const s = await setup((_me, q) => [
      { n: 1, priority: 1, queueId: q, title: 'Email down' },
      { n: 2, priority: 4, queueId: q, title: 'New mouse' },
    ]);
    const { screen, user } = renderApp({ hub: s.hub, hash: '#/unassigned' });
    await waitFor(() => expect(rowsOf(screen)).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Priority' }));
    const pri = await screen.findByRole('dialog', { name: /Priority/ });
    await user.click(within(pri).getByRole('checkbox', { name: /P1 Critical/ }));
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Save view' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save view' });
    await user.click(within(dialog).getByRole('button', { name: 'Save view' }));
    expect(await within(dialog).findByText('Give the view a name')).toBeTruthy();
    await user.type(within(dialog).getByLabelText('Name'), 'Critical, nobody on it');
    await user.click(within(dialog).getByRole('button', { name: 'Save view' }));
    expect(await screen.findByRole('heading', { name: 'Critical, nobody on it' })).toBeTruthy();
    expect(window.location.hash).toMatch(/^#\/views\//);
    await waitFor(() => expect(rowsOf(screen)).toEqual(['INC0000001']));
    expect(await screen.findByTestId('nav-view-Critical, nobody on it')).toBeTruthy();
  });

  it('says what would appear, and where to look instead, when a view is empty', async () => {
    const s = await setup((_me, q) => [{ n: 1, priority: 3, queueId: q, title: 'Waiting' }]);
    const { screen } = renderApp({ hub: s.hub, hash: '#/work' });
    expect(await screen.findByText('Nothing assigned to you')).toBeTruthy();
    expect(
      screen.getByText(/1 unassigned ticket is waiting in your queues: pick one from Unassigned/),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to Unassigned' }).getAttribute('href')).toBe(
      '#/unassigned',
    );
  });

  it('keeps the sidebar counts live as tickets change on this device', async () => {
    const s = await setup((me, q) => [{ n: 1, priority: 3, queueId: q, assigneeId: me }]);
    const { screen } = renderApp({ hub: s.hub, hash: '#/work' });
    await waitFor(() => expect(sidebarCount(screen, 'nav-work')).toBe('1'));
    const db: OutpostDb = openOutpostDb('http://hub.test', s.agent.id);
    await db.tickets.put(ticket({ n: 7, queueId: s.queue, assigneeId: s.agent.id as UserId }));
    await waitFor(() => expect(sidebarCount(screen, 'nav-work')).toBe('2'));
    await waitFor(() => expect(rowsOf(screen)).toHaveLength(2));
    db.close();
  });
});
