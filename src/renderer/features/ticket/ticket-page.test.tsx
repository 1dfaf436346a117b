import { act, cleanup, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Comment } from '../../../shared/domain/comment';
import type { WorklogEntry } from '../../../shared/domain/worklog';
import { newId, type ConflictId } from '../../../shared/ids';
import { createPackBuilder } from '../../db/child-packs';
import { hlcWallTime } from '../../../shared/sync/hlc';
import { draftKey } from './drafts';
import { createHarness, screen, type Harness } from './ticket-test-harness';

let h: Harness;
afterEach(() => {
  cleanup();
  h?.db.close();
});

const outboxArgs = async (name: string) =>
  (await h.db.outbox.toArray()).filter((e) => e.name === name).map((e) => e.args);

const transitions = () =>
  within(screen.getByRole('group', { name: 'Change state' }))
    .getAllByRole('button')
    .map((b) => b.textContent);

describe('ticket view', () => {
  it('offers only the transitions the workflow allows now, and asks for what they need', async () => {
    h = await createHarness();
    const id = await h.incident();
    const { user } = h.show(id);
    await screen.findByText('VPN drops every few minutes');
    expect(transitions()).toEqual(['In Progress', 'Cancelled']);

    await user.click(screen.getByRole('button', { name: 'In Progress' }));
    await waitFor(() => expect(transitions()).toEqual(['On Hold…', 'Resolved…', 'Cancelled']));
    expect(await outboxArgs('ticket.transition')).toEqual([
      { ticketId: id, from: 'new', to: 'in_progress' },
    ]);

    // Resolving without a code is refused with the domain's words; nothing is recorded.
    await user.click(screen.getByRole('button', { name: 'Resolved…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Move to Resolved' });
    await user.click(within(dialog).getByRole('button', { name: 'Move to Resolved' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'resolving needs a resolution code and notes',
    );
    expect(await outboxArgs('ticket.transition')).toHaveLength(1);
  });

  it('saves an assignee as one setFields with the base this copy carries', async () => {
    h = await createHarness();
    const id = await h.incident();
    const ticket = (await h.db.tickets.get(id))!;
    const { user } = h.show(id);
    await user.click(await screen.findByRole('button', { name: 'Edit assignee' }));
    // Only people working this queue are offered.
    expect(screen.queryByRole('option', { name: 'Ben Okafor' })).toBeNull();
    await user.click(await screen.findByRole('option', { name: 'Ana Lopez' }));
    await waitFor(async () =>
      expect(await outboxArgs('ticket.setFields')).toEqual([
        {
          ticketId: id,
          fields: { assigneeId: h.users.ana.id },
          base: { assigneeId: ticket.stamps.assigneeId!.hlc },
        },
      ]),
    );
    // The outbox entry and the field's re-render are separate: wait for the field itself.
    await waitFor(() =>
      expect(screen.getByTestId('field-assigneeId').textContent).toContain('Ana Lopez'),
    );
  });

  it('shows the priority that impact and urgency derive to before saving both together', async () => {
    h = await createHarness();
    const id = await h.incident();
    const { user } = h.show(id);
    await user.click(await screen.findByRole('button', { name: 'Edit impact × urgency' }));
    const impact = screen.getByRole('radiogroup', { name: 'Impact' });
    await user.click(within(impact).getByText('1 High'));
    expect(screen.getByTestId('derived-priority').textContent).toContain('P2 High');
    const urgency = screen.getByRole('radiogroup', { name: 'Urgency' });
    await user.click(within(urgency).getByText('1 High'));
    expect(screen.getByTestId('derived-priority').textContent).toContain('P1 Critical');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(async () => expect(await outboxArgs('ticket.setFields')).toHaveLength(1));
    const [args] = (await outboxArgs('ticket.setFields')) as { fields: unknown }[];
    expect(args!.fields).toEqual({ impact: 1, urgency: 1 });
    expect((await h.db.tickets.get(id))!.priority).toBe(1);
  });

  it('marks unsynced changes until the hub has them', async () => {
    h = await createHarness();
    const id = await h.incident();
    const { user } = h.show(id);
    await screen.findByText('VPN drops every few minutes');
    expect(screen.queryAllByTestId('not-synced')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'In Progress' }));
    await waitFor(() => expect(transitions()).toContain('On Hold…'));
    const composer = screen.getByRole('textbox', { name: 'Reply to the requester' });
    await user.type(composer, 'On it');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(async () => expect(await outboxArgs('ticket.addComment')).toHaveLength(1));
    const comment = await screen.findByTestId('comment-public');
    expect(within(comment).getByTestId('not-synced')).toBeTruthy();
    expect(within(screen.getByTestId('timeline-state')).getByTestId('not-synced')).toBeTruthy();
    // The creation was synced: its line carries no marker.
    expect(within(screen.getByTestId('timeline-created')).queryByTestId('not-synced')).toBeNull();

    await act(() => h.markSynced());
    await waitFor(() => expect(screen.queryAllByTestId('not-synced')).toHaveLength(0));
  });

  it('shows the comments and work log a first sync stored packed, with those added since', async () => {
    h = await createHarness();
    const id = await h.incident();
    const ticket = (await h.db.tickets.get(id))!;
    const at = ticket.createdAt + 60_000;
    const packs = createPackBuilder();
    packs.add('comments', [
      {
        id: newId(),
        ticketId: id,
        authorId: h.users.ana.id,
        body: 'Packed note from the first sync',
        visibility: 'internal',
        createdAt: at,
      } as Comment,
    ]);
    packs.add('worklogs', [
      {
        id: newId(),
        ticketId: id,
        userId: h.users.ana.id,
        minutes: 45,
        workDate: '2025-03-03',
        note: 'Remote session',
        createdAt: at,
      } as WorklogEntry,
    ]);
    await h.db.childPacks.put(packs.rest()!);
    const { user } = h.show(id);
    expect((await screen.findByTestId('comment-internal')).textContent).toContain(
      'Packed note from the first sync',
    );
    expect(screen.getByText(/Remote session/)).toBeTruthy();
    const composer = screen.getByRole('textbox', { name: 'Reply to the requester' });
    await user.type(composer, 'Added today');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    await screen.findByTestId('comment-public');
    expect(screen.getByTestId('comment-internal')).toBeTruthy();
  });

  it('keeps drafts per ticket across a remount, and clears them on send', async () => {
    h = await createHarness();
    const id = await h.incident();
    const first = h.show(id);
    const box = await screen.findByRole('textbox', { name: 'Reply to the requester' });
    await first.user.type(box, 'Half-written reply');
    await waitFor(async () =>
      expect((await h.db.settings.get(draftKey(id, 'reply')))?.value).toBe('Half-written reply'),
    );
    first.unmount();

    const again = h.show(id);
    const restored = await screen.findByRole('textbox', { name: 'Reply to the requester' });
    await waitFor(() => expect((restored as HTMLTextAreaElement).value).toBe('Half-written reply'));
    await again.user.type(restored, '{Control>}{Enter}{/Control}');
    await screen.findByTestId('comment-public');
    expect((restored as HTMLTextAreaElement).value).toBe('');
    expect(await h.db.settings.get(draftKey(id, 'reply'))).toBeUndefined();
  });

  it('keeps the typed text when a send is refused', async () => {
    h = await createHarness();
    const id = await h.incident();
    const { user } = h.show(id);
    await user.click(await screen.findByRole('tab', { name: 'Log work' }));
    await user.type(screen.getByLabelText('Minutes'), '5000');
    await user.type(screen.getByLabelText('What did you do?'), 'Rebuilt the profile');
    await user.click(screen.getByRole('button', { name: 'Log work' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'minutes must be at most 1440',
    );
    expect((screen.getByLabelText('What did you do?') as HTMLTextAreaElement).value).toBe(
      'Rebuilt the profile',
    );
    expect(await outboxArgs('ticket.logWork')).toHaveLength(0);
  });

  it('shows an overwritten edit with both values; re-apply sends mine, keep theirs dismisses for good', async () => {
    h = await createHarness();
    const id = await h.incident();
    const conflict = (field: string, mine: unknown, theirs: unknown) => ({
      id: newId<ConflictId>(),
      userId: h.users.sam.id,
      ticketId: id,
      field,
      mine,
      theirs,
      theirsBy: h.users.ana.id,
      at: Date.UTC(2025, 2, 4, 10, 42),
      mutation: 'ticket.setFields@1',
      code: 'FIELD_OVERWRITTEN',
      message: 'Your title was replaced by a later edit made at the same time',
    });
    const title = conflict('title', 'VPN drops on Wi-Fi only', 'VPN drops every few minutes');
    const category = conflict('category', 'Network', 'Email');
    await h.db.conflicts.bulkPut([title, category] as never);
    const { user } = h.show(id);

    const alerts = await screen.findAllByTestId('conflict');
    expect(alerts).toHaveLength(2);
    const titleAlert = () =>
      screen.getAllByTestId('conflict').find((a) => a.textContent?.includes('to the title'))!;
    // Names resolve once the local directory has loaded.
    await waitFor(() =>
      expect(titleAlert().textContent).toContain(
        'Your change to the title was overwritten by Ana Lopez',
      ),
    );
    expect(titleAlert().textContent).toContain(
      'Yours ‘VPN drops on Wi-Fi only’, theirs ‘VPN drops every few minutes’',
    );

    const ticket = (await h.db.tickets.get(id))!;
    await user.click(within(titleAlert()).getByRole('button', { name: 'Re-apply mine' }));
    await waitFor(async () =>
      expect(await outboxArgs('ticket.setFields')).toEqual([
        {
          ticketId: id,
          fields: { title: 'VPN drops on Wi-Fi only' },
          base: { title: ticket.stamps.title!.hlc },
        },
      ]),
    );
    const categoryAlert = screen
      .getAllByTestId('conflict')
      .find((a) => a.textContent?.includes('category'))!;
    await user.click(within(categoryAlert).getByRole('button', { name: 'Keep theirs' }));
    await waitFor(() => expect(screen.queryAllByTestId('conflict')).toHaveLength(0));
    expect(await h.db.settings.get(`conflict-dismissed:${category.id}`)).toBeDefined();
    expect(await outboxArgs('ticket.setFields')).toHaveLength(1);
  });

  it('shows a refused transition with names, not ids', async () => {
    h = await createHarness();
    const id = await h.incident();
    await h.db.conflicts.put({
      id: newId<ConflictId>(),
      userId: h.users.sam.id,
      ticketId: id,
      field: 'from',
      mine: { ticketId: id, from: 'in_progress', to: 'resolved' },
      theirs: null,
      theirsBy: h.users.ana.id,
      at: Date.now(),
      mutation: 'ticket.transition@1',
      code: 'TRANSITION_CONFLICT',
      message: `INC0000042 was closed by ${h.users.ana.id} while you were offline`,
    } as never);
    h.show(id);
    const alert = await screen.findByTestId('conflict');
    expect(alert.textContent).toContain('Your state change was not applied');
    await waitFor(() =>
      expect(screen.getByTestId('conflict').textContent).toContain(
        'INC0000042 was closed by Ana Lopez while you were offline',
      ),
    );
    expect(within(alert).queryByRole('button', { name: 'Re-apply mine' })).toBeNull();
  });

  it('runs the SLA clocks: a first public reply meets the response, a pausing hold pauses resolution', async () => {
    h = await createHarness();
    const id = await h.incident();
    const { user } = h.show(id);
    const response = await screen.findByTestId('sla-response');
    expect(response.textContent).toContain('Target 4h');
    // The badge counts down; the line under it gives the due time, not the same count again.
    expect(response.textContent?.match(/left/g)).toHaveLength(1);
    expect(response.textContent).toMatch(/Due \S/);

    await user.type(screen.getByRole('textbox', { name: 'Reply to the requester' }), 'Looking now');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(screen.getByTestId('sla-response').textContent).toContain('Met'));

    await user.click(screen.getByRole('button', { name: 'In Progress' }));
    await user.click(await screen.findByRole('button', { name: 'On Hold…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Move to On Hold' });
    await user.click(within(dialog).getByLabelText(/Hold reason/, { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: /Awaiting caller/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Move to On Hold' }));
    await waitFor(() =>
      expect(screen.getByTestId('sla-resolution').textContent).toContain('Paused: Awaiting caller'),
    );
  });

  it('says plainly when the ticket is not on this device', async () => {
    h = await createHarness();
    h.show(newId());
    expect(await screen.findByText('This ticket is not on this device')).toBeTruthy();
  });

  it('stamps pending events by their mutation time', async () => {
    h = await createHarness();
    const id = await h.incident();
    await h.engine.mutate({
      name: 'ticket.transition',
      version: 1,
      args: { ticketId: id, from: 'new', to: 'in_progress' },
    });
    const [entry] = await h.db.outbox.toArray();
    const t = (await h.db.tickets.get(id))!;
    expect(t.events.at(-1)!.at).toBe(hlcWallTime(entry!.hlc));
  });
});
