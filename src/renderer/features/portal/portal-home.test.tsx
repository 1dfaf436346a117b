import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { PortalHome } from './portal-home';
import { createPortalHarness, type PortalHarness } from './portal-test-harness';

let h: PortalHarness;
beforeEach(async () => {
  h = await createPortalHarness();
});

describe('portal home (My requests)', () => {
  it('greets a newcomer with the two ways in and a friendly empty list', async () => {
    h.show(<PortalHome />);
    expect(await screen.findByText('Nothing here yet')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Hello, Rita' })).toBeTruthy();
    expect(screen.getByTestId('portal-report-problem').getAttribute('href')).toBe(
      '#/portal/new/problem',
    );
    expect(screen.getByTestId('portal-request-something').getAttribute('href')).toBe(
      '#/portal/new/request',
    );
  });

  it('puts what waits on the requester first, then open, then closed; only their own', async () => {
    const fixed = await h.incident({ title: 'Printer jams' });
    await h.resolve(fixed);
    const open = await h.incident({ title: 'VPN is slow' });
    await h.agentDoes('ticket.transition', { ticketId: open, from: 'new', to: 'in_progress' });
    const done = await h.incident({ title: 'Old badge' });
    await h.agentDoes('ticket.transition', { ticketId: done, from: 'new', to: 'cancelled' });
    // Someone else's ticket that happens to be on this device (e.g. an agent's store).
    await h.agentDoes('incident.create', {
      id: '0190f5a0-0000-7000-8000-0000000000c1',
      title: 'Otto cannot print',
      queueId: h.desk,
      requesterId: h.users.otto.id,
      impact: 3,
      urgency: 3,
    });

    h.show(<PortalHome />);
    const attention = await screen.findByTestId('portal-attention');
    expect(within(attention).getByText('Printer jams')).toBeTruthy();
    expect(within(attention).getByText('Fixed? Please confirm')).toBeTruthy();
    const openList = screen.getByTestId('portal-open');
    expect(within(openList).getByText('VPN is slow')).toBeTruthy();
    expect(within(openList).getByText('Being worked on')).toBeTruthy();
    const closed = screen.getByTestId('portal-closed');
    expect(within(closed).getByText('Old badge')).toBeTruthy();
    expect(within(closed).getByText('Cancelled')).toBeTruthy();
    expect(screen.queryByText('Otto cannot print')).toBeNull();
    // Each row opens the portal's own page for that ticket.
    const row = within(attention).getByTestId('portal-row');
    expect(row.getAttribute('href')).toBe(`#/portal/tickets/${fixed}`);
  });

  it('marks a request that has not reached the hub as not sent yet', async () => {
    const synced = await h.incident({ title: 'Synced one' });
    h.show(<PortalHome />);
    await screen.findByText('Synced one');
    await h.agentDoes('ticket.transition', { ticketId: synced, from: 'new', to: 'in_progress' });
    // A local create, still in the outbox.
    await h.db.outbox.put({
      mutationId: 99,
      name: 'incident.create',
      version: 1,
      args: { id: synced },
      hlc: '000000000000001-000000-test' as never,
      createdAt: Date.now(),
    });
    const row = (await screen.findAllByTestId('portal-row'))[0]!;
    await waitFor(() => expect(within(row).getByTestId('portal-unsent')).toBeTruthy());
    expect(within(row).getByTestId('portal-row-number').textContent).toMatch(/^INC-new-/);
  });
});
