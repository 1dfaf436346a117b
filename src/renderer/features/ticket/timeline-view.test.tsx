import { cleanup, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { conflictCodes } from '../../../shared/domain/conflict';
import { newId, type ConflictId, type TicketId } from '../../../shared/ids';
import { createHarness, screen, type Harness } from './ticket-test-harness';

let h: Harness;
afterEach(() => {
  cleanup();
  h?.db.close();
});

/**
 * Ana's title reached the hub first; Sam's edit of the same title, made
 * offline earlier, lost under last-writer-wins. The hub records Ana's change
 * in the ticket's history and sends Sam (only) a conflict.
 */
const titleLostToAna = async (id: TicketId) => {
  const t = (await h.db.tickets.get(id))!;
  const anaAt = t.events[0]!.at + 60_000;
  await h.db.tickets.put({
    ...t,
    title: 'VPN drops on every network',
    events: [
      ...t.events,
      {
        kind: 'field',
        at: anaAt,
        by: h.users.ana.id,
        field: 'title',
        from: t.title,
        to: 'VPN drops on every network',
      },
    ],
  });
  await h.db.conflicts.put({
    id: newId<ConflictId>(),
    userId: h.users.sam.id,
    ticketId: id,
    field: 'title',
    mine: 'VPN drops on Wi-Fi only',
    theirs: 'VPN drops on every network',
    theirsBy: h.users.ana.id,
    // Sam's own (offline) time: the line is placed by when Ana's value was written.
    at: anaAt - 30_000,
    mutation: 'ticket.setFields@1',
    code: conflictCodes.notApplied,
    message: 'Your change to the title was not applied',
  });
};

const timelineTestIds = () =>
  within(screen.getByRole('list', { name: 'Timeline' }))
    .getAllByRole('listitem')
    .map((li) => li.firstElementChild?.getAttribute('data-testid'));

describe('timeline', () => {
  it("keeps the author's overwritten edit as a quiet line after the change that replaced it, also once they keep theirs", async () => {
    h = await createHarness();
    const id = await h.incident();
    await titleLostToAna(id);
    const { user } = h.show(id);

    const line = await screen.findByTestId('timeline-overwritten');
    await waitFor(() =>
      expect(line.textContent).toContain(
        'Your change of the title to ‘VPN drops on Wi-Fi only’ was overwritten by Ana Lopez’s',
      ),
    );
    expect(timelineTestIds()).toEqual([
      'timeline-created',
      'timeline-field',
      'timeline-overwritten',
    ]);

    await user.click(await screen.findByRole('button', { name: 'Keep theirs' }));
    await waitFor(() => expect(screen.queryByTestId('conflict')).toBeNull());
    expect(screen.getByTestId('timeline-overwritten').textContent).toContain(
      'Your change of the title to ‘VPN drops on Wi-Fi only’',
    );
  });
});
