import { waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { businessHoursCalendar, calendar24x7 } from '../../../shared/domain/calendar';
import { defaultDomainSettings } from '../../../shared/domain/settings';
import { defaultSlaDefinitions } from '../../../shared/domain/sla';
import type { Ticket } from '../../../shared/domain/ticket';
import { openOutpostDb } from '../../db/database';
import { renderApp, seededHub } from '../../testing/render-app';
import { useReportView } from './report-view-store';
import { D, QA, QB, reportTicket, reportTickets } from './testing';

/**
 * The Reports screen in the whole app (fake hub, fake IndexedDB) over the
 * hand-counted tickets of testing.ts, placed relative to the real clock:
 * every figure below is worked out in reportTickets' comment.
 */
const queues = [
  { id: QA, name: 'Service Desk', description: '', disabled: false },
  { id: QB, name: 'Network', description: '', disabled: false },
];

const setup = async (tickets: (now: number) => Ticket[]) => {
  const seeded = seededHub();
  seeded.hub.queues.push(...queues);
  seeded.hub.users.find((u) => u.id === seeded.agent.id)!.queueIds = [QA, QB];
  seeded.hub.sessionUserId = seeded.agent.id;
  const db = openOutpostDb('http://hub.test', seeded.agent.id);
  await db.open();
  await db.calendars.bulkPut([calendar24x7, businessHoursCalendar('Europe/London')]);
  await db.slas.bulkPut([...defaultSlaDefinitions]);
  await db.hubSettings.put({ id: 'domain', value: defaultDomainSettings });
  await db.queues.bulkPut(queues);
  await db.users.bulkPut(seeded.hub.users.map(({ password: _p, ...u }) => u));
  await db.tickets.bulkPut(tickets(Date.now()));
  db.close();
  return seeded;
};

type Screen = ReturnType<typeof renderApp>['screen'];
const figure = (screen: Screen, id: string) => {
  const card = screen.getByTestId(`figure-${id}`);
  return {
    value: within(card).getByTestId('figure-value').textContent,
    detail: within(card).getByTestId('figure-detail').textContent,
  };
};
const value = (screen: Screen, id: string) => figure(screen, id).value;
const cellsOf = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((c) => c.textContent);

beforeEach(() => useReportView.setState({ period: '30d', queueId: null, kind: 'desk' }));

describe('reports', () => {
  it('reads the tickets on this device, then shows their figures, worked out by hand', async () => {
    const s = await setup(reportTickets);
    const { screen } = renderApp({ hub: s.hub, hash: '#/reports' });
    const loading = await screen.findByTestId('report-loading');
    expect(loading.getAttribute('aria-busy')).toBe('true');
    expect(loading.textContent).toContain('Reading tickets on this device…');
    expect(await screen.findByRole('heading', { name: 'Reports', level: 1 })).toBeTruthy();
    await screen.findByTestId('report-figures');
    expect(loading.isConnected).toBe(false);
    expect(screen.getByTestId('report-scope').textContent).toMatch(
      /^Based on 8 tickets on this device, all queues, as of/,
    );
    expect(value(screen, 'backlog')).toBe('3');
    expect(figure(screen, 'flow')).toEqual({
      value: '6 / 3',
      detail: '3 more tickets created than resolved',
    });
    expect(value(screen, 'mttr')).toBe('3h');
    expect(figure(screen, 'mttr').detail).toContain('90th percentile 4h 30m');
    expect(figure(screen, 'response')).toEqual({ value: '40%', detail: '2 of 5 decided' });
    expect(figure(screen, 'resolution')).toEqual({ value: '50%', detail: '2 of 4 decided' });
    expect(value(screen, 'reopen')).toBe('33%');
    // Network: T6 open; T4 and T6 created; T4 resolved in 3 h after one reopen.
    const byQueue = within(screen.getByTestId('report-queues')).getByRole('table');
    expect(cellsOf(within(byQueue).getByRole('row', { name: /^Network/ }))).toEqual([
      'Network',
      '1',
      '2',
      '1',
      '3h',
      '50%',
      '50%',
      '100%',
      '0%',
    ]);
    expect(figure(screen, 'reassign')).toEqual({
      value: '17%',
      detail: '1 of 6 tickets reassigned',
    });
  });

  it('the period and the queue change the figures', async () => {
    const s = await setup(reportTickets);
    const { screen, user } = renderApp({ hub: s.hub, hash: '#/reports' });
    await screen.findByTestId('report-figures');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Queue' }), 'Network');
    await waitFor(() => expect(value(screen, 'flow')).toBe('2 / 1'));
    expect(value(screen, 'backlog')).toBe('1');
    expect(figure(screen, 'response').detail).toBe('1 of 2 decided');
    expect(screen.getByTestId('report-scope').textContent).toMatch(
      /^Based on 3 tickets of Network on this device/,
    );

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Queue' }),
      'All queues on this device',
    );
    const period = screen.getByRole('radiogroup', { name: 'Period' });
    await user.click(within(period).getByText('Last 90 days'));
    await waitFor(() => expect(value(screen, 'flow')).toBe('7 / 4'));
    expect(value(screen, 'mttr')).toBe('2h 30m');
    expect(screen.getByRole('heading', { name: 'Last 90 days' })).toBeTruthy();

    // All eight are incidents: no service request to report on.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Records' }), 'Service requests');
    expect(await screen.findByText('No tickets in the last 90 days')).toBeTruthy();
    expect(
      screen.getByText(/No service requests of your queues were created or resolved/),
    ).toBeTruthy();
    expect(value(screen, 'backlog')).toBe('0');
  });

  it('every chart has a summary and the same numbers as a table', async () => {
    const s = await setup(reportTickets);
    const { screen, user } = renderApp({ hub: s.hub, hash: '#/reports' });
    const card = await screen.findByTestId('chart-backlog-queue');
    expect(within(card).getByRole('img').getAttribute('aria-label')).toBe(
      'Open tickets by queue: Service Desk 2, Network 1.',
    );
    await user.click(within(card).getByRole('button', { name: 'Show table' }));
    const table = within(card).getByRole('table', { name: 'Open tickets by queue and priority' });
    const cells = within(table).getAllByRole('row').map(cellsOf);
    expect(cells).toEqual([
      ['Queue', 'P1', 'P2', 'P3', 'P4', 'P5', 'Total'],
      ['Service Desk', '2', '0', '0', '0', '0', '2'],
      ['Network', '0', '0', '1', '0', '0', '1'],
    ]);
    expect(within(card).queryByRole('img')).toBeNull();

    for (const id of [
      'chart-backlog-age',
      'chart-flow',
      'chart-mttr',
      'chart-sla',
      'chart-categories',
    ]) {
      const c = screen.getByTestId(id);
      expect(within(c).getByRole('img').getAttribute('aria-label')).toBeTruthy();
      await user.click(within(c).getByRole('button', { name: 'Show table' }));
      expect(within(c).getByRole('table')).toBeTruthy();
    }
    const ages = within(screen.getByTestId('chart-backlog-age')).getByRole('table');
    expect(within(ages).getByRole('row', { name: /Over 30 days/ }).textContent).toBe(
      'Over 30 days1',
    );
    // Month by month, created and resolved add up to the headline's 6 / 3.
    const months = within(within(screen.getByTestId('chart-flow')).getByRole('table'))
      .getAllByRole('row')
      .slice(1)
      .map((r) => cellsOf(r).slice(1).map(Number));
    expect(months.reduce(([c, r], [mc, mr]) => [c! + mc!, r! + mr!], [0, 0])).toEqual([6, 3]);
    const top = within(screen.getByTestId('chart-categories')).getAllByRole('row');
    expect(top[1]!.textContent).toBe('Email2');
  });

  it('says when nothing happened in the period, and when no tickets are here at all', async () => {
    const old = (now: number) => [
      reportTicket(now, { n: 1, ago: 200 * D, queueId: QA, script: [[60_000, 'in_progress']] }),
    ];
    const s = await setup(old);
    const { screen, user } = renderApp({ hub: s.hub, hash: '#/reports' });
    expect(await screen.findByText('No tickets in the last 30 days')).toBeTruthy();
    expect(value(screen, 'backlog')).toBe('1');
    const period = screen.getByRole('radiogroup', { name: 'Period' });
    await user.click(within(period).getByText('Last 12 months'));
    await waitFor(() => expect(screen.queryByTestId('report-period-empty')).toBeNull());
    expect(screen.getByTestId('chart-categories')).toBeTruthy();

    const empty = await setup(() => []);
    const again = renderApp({ hub: empty.hub, hash: '#/reports' });
    expect(await again.screen.findByText('No tickets on this device yet')).toBeTruthy();
  });

  it('says how many tickets it could not measure against an SLA', async () => {
    const s = await setup((now) => [
      ...reportTickets(now),
      { ...reportTicket(now, { n: 9, ago: D, queueId: QB }), events: [] },
    ]);
    const { screen } = renderApp({ hub: s.hub, hash: '#/reports' });
    const alert = await screen.findByText('Some tickets have no SLA figures');
    expect(alert.closest('[role="alert"], .mantine-Alert-root')!.textContent).toContain(
      '1 ticket could not be measured against an SLA',
    );
    // It still counts: 9 on the device, 4 open.
    expect(screen.getByTestId('report-scope').textContent).toMatch(/^Based on 9 tickets/);
    expect(value(screen, 'backlog')).toBe('4');
  });

  it('follows tickets written on this device while it is open', async () => {
    const s = await setup(reportTickets);
    const { screen } = renderApp({ hub: s.hub, hash: '#/reports' });
    await screen.findByTestId('report-figures');
    expect(value(screen, 'backlog')).toBe('3');
    const db = openOutpostDb('http://hub.test', s.agent.id);
    await db.tickets.put(reportTicket(Date.now(), { n: 9, ago: 60_000, queueId: QB }));
    await waitFor(() => expect(value(screen, 'backlog')).toBe('4'));
    expect(value(screen, 'flow')).toBe('7 / 3');
    db.close();
  });
});
