import { cleanup, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fieldDraftKey, transitionDraftKey } from './drafts';
import { createHarness, screen, type Harness } from './ticket-test-harness';

/**
 * Edits typed in place (description, title) and in transition dialogs
 * survive leaving the ticket: unmounting the view and mounting it again is
 * what a reload or a detour to another ticket does.
 */
let h: Harness;
afterEach(() => {
  cleanup();
  h?.db.close();
});

const stored = async (key: string) => (await h.db.settings.get(key))?.value;
const outboxArgs = async (name: string) =>
  (await h.db.outbox.toArray()).filter((e) => e.name === name).map((e) => e.args);

describe('drafts of in-place edits and transitions', () => {
  it('brings a half-edited description back after leaving the ticket, and forgets it once saved', async () => {
    h = await createHarness();
    const id = await h.incident();
    const first = h.show(id);
    await first.user.click(await screen.findByRole('button', { name: 'Edit description' }));
    const box = screen.getByRole('textbox', { name: 'Description' });
    await first.user.clear(box);
    await first.user.type(box, 'Drops only on the office Wi-Fi');
    await waitFor(async () =>
      expect(await stored(fieldDraftKey(id, 'description'))).toEqual({
        text: 'Drops only on the office Wi-Fi',
        from: 'Started after the **client update**.',
      }),
    );
    first.unmount();

    const again = h.show(id);
    const restored = await screen.findByRole('textbox', { name: 'Description' });
    expect((restored as HTMLTextAreaElement).value).toBe('Drops only on the office Wi-Fi');
    expect(screen.getByTestId('restored-draft').textContent).toContain(
      'Restored your unsaved draft of the description',
    );
    await again.user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(async () =>
      expect(await outboxArgs('ticket.setFields')).toMatchObject([
        { ticketId: id, fields: { description: 'Drops only on the office Wi-Fi' } },
      ]),
    );
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Description' })).toBeNull());
    // The view re-reads the row after the write commits: the editor may close a moment sooner.
    await waitFor(() =>
      expect(screen.getByTestId('text-description').textContent).toContain(
        'Drops only on the office Wi-Fi',
      ),
    );
    expect(screen.queryByTestId('restored-draft')).toBeNull();
    expect(await stored(fieldDraftKey(id, 'description'))).toBeUndefined();
  });

  it('warns when the description changed under a restored draft, and discards it on request', async () => {
    h = await createHarness();
    const id = await h.incident();
    const first = h.show(id);
    await first.user.click(await screen.findByRole('button', { name: 'Edit description' }));
    await first.user.type(screen.getByRole('textbox', { name: 'Description' }), ' Mine.');
    await waitFor(async () => expect(await stored(fieldDraftKey(id, 'description'))).toBeDefined());
    first.unmount();
    // A colleague's edit arrives while this draft waits.
    const ticket = (await h.db.tickets.get(id))!;
    const r = await h.engine.mutate({
      name: 'ticket.setFields',
      version: 1,
      args: {
        ticketId: id,
        fields: { description: 'Theirs' },
        base: { description: ticket.stamps.description!.hlc },
      },
    });
    expect(r.ok).toBe(true);

    const again = h.show(id);
    const note = await screen.findByTestId('restored-draft');
    expect(note.textContent).toContain('was changed since you began it');
    await again.user.click(within(note).getByRole('button', { name: 'Discard draft' }));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Description' })).toBeNull());
    expect(screen.getByTestId('text-description').textContent).toContain('Theirs');
    expect(await stored(fieldDraftKey(id, 'description'))).toBeUndefined();
  });

  it('reopens the title editor with the typed title, and clears the draft when Enter saves it', async () => {
    h = await createHarness();
    const id = await h.incident();
    const first = h.show(id);
    await first.user.click(await screen.findByRole('button', { name: 'Edit title' }));
    const input = screen.getByRole('textbox', { name: 'Title' });
    await first.user.type(input, ' on Wi-Fi');
    await waitFor(async () =>
      expect(await stored(fieldDraftKey(id, 'title'))).toMatchObject({
        text: 'VPN drops every few minutes on Wi-Fi',
      }),
    );
    first.unmount();

    const again = h.show(id);
    const restored = await screen.findByRole('textbox', { name: 'Title' });
    expect((restored as HTMLInputElement).value).toBe('VPN drops every few minutes on Wi-Fi');
    expect(screen.getByTestId('restored-draft').textContent).toContain('draft of the title');
    await again.user.type(restored, '{Enter}');

    await waitFor(() =>
      expect(screen.getByTestId('ticket-title').textContent).toBe(
        'VPN drops every few minutes on Wi-Fi',
      ),
    );
    expect(await outboxArgs('ticket.setFields')).toMatchObject([
      { fields: { title: 'VPN drops every few minutes on Wi-Fi' } },
    ]);
    expect(await stored(fieldDraftKey(id, 'title'))).toBeUndefined();
  });

  it('keeps resolution notes typed in the dialog across a cancel and a remount until the ticket is resolved', async () => {
    h = await createHarness();
    const id = await h.incident();
    await h.engine.mutate({
      name: 'ticket.transition',
      version: 1,
      args: { ticketId: id, from: 'new', to: 'in_progress' },
    });
    await h.markSynced();
    const first = h.show(id);
    await first.user.click(await screen.findByRole('button', { name: 'Resolved…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Move to Resolved' });
    await first.user.type(
      within(dialog).getByLabelText(/Resolution notes/),
      'Reinstalled the VPN client',
    );
    await waitFor(async () =>
      expect(await stored(transitionDraftKey(id, 'resolved'))).toMatchObject({
        notes: 'Reinstalled the VPN client',
      }),
    );
    await first.user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    first.unmount();

    const again = h.show(id);
    await again.user.click(await screen.findByRole('button', { name: 'Resolved…' }));
    const reopened = await screen.findByRole('dialog', { name: 'Move to Resolved' });
    const notes = within(reopened).getByLabelText(/Resolution notes/) as HTMLTextAreaElement;
    await waitFor(() => expect(notes.value).toBe('Reinstalled the VPN client'));
    expect(within(reopened).getByTestId('restored-draft')).toBeTruthy();

    await again.user.click(
      within(reopened).getByLabelText(/Resolution code/, { selector: 'input' }),
    );
    await again.user.click(await screen.findByRole('option', { name: 'Fixed' }));
    await again.user.click(within(reopened).getByRole('button', { name: 'Move to Resolved' }));
    await waitFor(async () =>
      expect(await outboxArgs('ticket.transition')).toEqual([
        {
          ticketId: id,
          from: 'in_progress',
          to: 'resolved',
          resolution: { code: 'fixed', notes: 'Reinstalled the VPN client' },
        },
      ]),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(async () =>
      expect(await stored(transitionDraftKey(id, 'resolved'))).toBeUndefined(),
    );
  });
});
