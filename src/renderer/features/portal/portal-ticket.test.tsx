import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPortalHarness, type PortalHarness } from './portal-test-harness';
import { PortalTicketPage } from './portal-ticket';

let h: PortalHarness;
beforeEach(async () => {
  h = await createPortalHarness();
});

const show = (id: string) => h.show(<PortalTicketPage ticketId={id} />);

describe('portal ticket page', () => {
  it('shows the public conversation and never an internal note', async () => {
    const id = await h.incident();
    await h.comment(id, 'Could you send a photo of the error?', 'public', h.users.sam.id);
    await h.comment(id, 'Fuser is worn, order one', 'internal', h.users.sam.id);
    show(id);
    const convo = await screen.findByTestId('portal-conversation');
    expect(await within(convo).findByText('Could you send a photo of the error?')).toBeTruthy();
    expect(within(convo).getByText('You sent this problem report', { exact: false })).toBeTruthy();
    expect(screen.queryByText(/Fuser is worn/)).toBeNull();
    expect(screen.getByTestId('portal-state').textContent).toBe('Received');
  });

  it('confirms a fix with "Yes, it’s fixed": the ticket closes and waits to be sent', async () => {
    const id = await h.incident();
    await h.resolve(id, 'Replaced the **fuser** unit.');
    const { user } = show(id);
    const card = await screen.findByTestId('portal-resolution');
    expect(within(card).getByText('Is it fixed?')).toBeTruthy();
    expect(within(card).getByText('fuser').tagName).toBe('STRONG');
    await user.click(within(card).getByRole('button', { name: 'Yes, it’s fixed' }));
    await waitFor(async () => expect((await h.db.tickets.get(id))?.state).toBe('closed'));
    const outbox = await h.db.outbox.toArray();
    expect(outbox.map((e) => [e.name, (e.args as { to: string }).to])).toEqual([
      ['ticket.transition', 'closed'],
    ]);
    await waitFor(() => expect(screen.queryByTestId('portal-resolution')).toBeNull());
    expect(screen.getByTestId('portal-state').textContent).toBe('Closed');
    expect(screen.getByTestId('portal-finished')).toBeTruthy();
    expect(screen.queryByTestId('portal-reply')).toBeNull();
  });

  it('will not reopen without a reason, then reopens with it as a public message', async () => {
    const id = await h.incident();
    await h.resolve(id);
    const { user } = show(id);
    const card = await screen.findByTestId('portal-resolution');
    await user.click(within(card).getByRole('button', { name: 'No, it’s still broken' }));
    await user.click(within(card).getByRole('button', { name: 'Reopen it' }));
    expect(
      within(card).getByText(
        'Tell the service desk what is still wrong, so they can pick it up again.',
      ),
    ).toBeTruthy();
    expect((await h.db.tickets.get(id))?.state).toBe('resolved');

    await user.type(
      within(card).getByRole('textbox', { name: 'What is still wrong?' }),
      'Still jams on double-sided pages',
    );
    await user.click(within(card).getByRole('button', { name: 'Reopen it' }));
    await waitFor(async () => expect((await h.db.tickets.get(id))?.state).toBe('in_progress'));
    const t = await h.db.tickets.get(id);
    expect(t?.reopenCount).toBe(1);
    const comments = await h.db.comments.where('ticketId').equals(id).toArray();
    expect(comments.map((c) => [c.body, c.visibility])).toEqual([
      ['Still jams on double-sided pages', 'public'],
    ]);
    const convo = screen.getByTestId('portal-conversation');
    expect(await within(convo).findByText('Still jams on double-sided pages')).toBeTruthy();
    expect(within(convo).getByText(/You said it is not sorted yet/)).toBeTruthy();
    // Both changes wait in the outbox and say so.
    expect(screen.getAllByTestId('portal-unsent').length).toBeGreaterThan(0);
  });

  it('offers withdrawing only while nobody has started, and asks first', async () => {
    const id = await h.incident();
    const { user, unmount } = show(id);
    await user.click(await screen.findByTestId('portal-withdraw'));
    const dialog = await screen.findByRole('dialog', { name: 'Withdraw this problem report?' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Why? (optional)' }), 'Works now');
    await user.click(within(dialog).getByRole('button', { name: 'Withdraw' }));
    await waitFor(async () => expect((await h.db.tickets.get(id))?.state).toBe('cancelled'));
    expect(await screen.findByText('Withdrawn')).toBeTruthy();
    expect((await h.db.comments.where('ticketId').equals(id).toArray())[0]?.body).toBe('Works now');
    unmount();

    const started = await h.incident({ title: 'Second monitor flickers' });
    await h.agentDoes('ticket.transition', { ticketId: started, from: 'new', to: 'in_progress' });
    show(started);
    expect(await screen.findByText('Being worked on')).toBeTruthy();
    expect(screen.queryByTestId('portal-withdraw')).toBeNull();
    expect(screen.queryByTestId('portal-resolution')).toBeNull();
  });

  it('sends a public message with Ctrl+Enter and keeps an unsent draft across a reload', async () => {
    const id = await h.incident();
    await h.agentDoes('ticket.transition', {
      ticketId: id,
      from: 'new',
      to: 'in_progress',
    });
    await h.agentDoes('ticket.transition', {
      ticketId: id,
      from: 'in_progress',
      to: 'on_hold',
      holdReason: 'awaiting_caller',
    });
    const first = show(id);
    const box = await screen.findByRole('textbox', { name: 'Your answer to the service desk' });
    await first.user.type(box, 'It is the HP on floor 2');
    await waitFor(async () =>
      expect((await h.db.settings.get(`draft:${id}:reply`))?.value).toBe('It is the HP on floor 2'),
    );
    first.unmount();

    const second = show(id);
    const again = await screen.findByRole('textbox', { name: 'Your answer to the service desk' });
    await waitFor(() =>
      expect((again as HTMLTextAreaElement).value).toBe('It is the HP on floor 2'),
    );
    await second.user.type(again, '{Control>}{Enter}{/Control}');
    await waitFor(async () =>
      expect(await h.db.comments.where('ticketId').equals(id).count()).toBe(1),
    );
    const [c] = await h.db.comments.where('ticketId').equals(id).toArray();
    expect(c).toMatchObject({ visibility: 'public', authorId: h.users.rita.id });
    await waitFor(() => expect((again as HTMLTextAreaElement).value).toBe(''));
    expect(await h.db.settings.get(`draft:${id}:reply`)).toBeUndefined();
  });

  it('says plainly when a ticket is not on this device', async () => {
    show('0190f5a0-0000-7000-8000-00000000dead');
    expect(await screen.findByText('We cannot find this on your device')).toBeTruthy();
  });
});
