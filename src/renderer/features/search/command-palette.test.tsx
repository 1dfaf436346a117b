import { waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { comment, incident, signedInWith } from './testing';

type App = Awaited<ReturnType<typeof signedInWith>>;

/** Ctrl+K, then waits until the field has the focus (as a user would before typing). */
const openPalette = async ({ screen, user }: App) => {
  await user.keyboard('{Control>}k{/Control}');
  const field = await screen.findByRole('combobox', { name: 'Search tickets or type a command' });
  await waitFor(() => expect(document.activeElement).toBe(field));
  return field;
};

/**
 * The palette in the whole app (fake hub, fake IndexedDB, the indexer on the
 * page): what the keyboard does, and what a result row shows.
 */
const desk = () =>
  signedInWith({
    tickets: ({ queue }) => [
      incident(queue, { title: 'VPN drops every few minutes', number: 'INC0000101' }),
      incident(queue, { title: 'Printer jam on floor 3', number: 'INC0000102', priority: 1 }),
      incident(queue, {
        title: 'Laptop will not boot',
        description: 'Black screen after the logo.',
        number: 'INC0000103',
      }),
    ],
    comments: (t) => [comment(t[2]!, 'Swapped the flaky motherboard, please retest.')],
  });

describe('command palette', () => {
  it('opens with Ctrl+K, focused, and closes with Escape', async () => {
    const app = await desk();
    const { screen, user } = app;
    await openPalette(app);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('command-palette')).toBeNull());
  });

  it('finds a ticket by a word only its comment has, and shows that comment highlighted', async () => {
    const app = await desk();
    const { screen, user } = app;
    await openPalette(app);
    await user.keyboard('motherb');
    const row = await screen.findByTestId('palette-ticket-INC0000103');
    expect(row.textContent).toContain('Laptop will not boot');
    expect(row.textContent).toContain('Comment:');
    expect([...row.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['motherboard']);
    expect(within(row).getByText('New')).toBeTruthy();
    expect(within(row).getByText('P3 Moderate')).toBeTruthy();
  });

  it('moves the active option with the arrow keys and opens it with Enter', async () => {
    const app = await desk();
    const { screen, user } = app;
    const field = await openPalette(app);
    await user.keyboard('INC00001');
    await screen.findByTestId('palette-ticket-INC0000103');
    const options = () => screen.getAllByRole('option');
    const selected = () => options().findIndex((o) => o.getAttribute('aria-selected') === 'true');
    expect(options()).toHaveLength(3);
    expect(selected()).toBe(0);
    expect(field.getAttribute('aria-activedescendant')).toBe(options()[0]!.id);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(selected()).toBe(2);
    await user.keyboard('{ArrowDown}');
    expect(selected()).toBe(0);
    await user.keyboard('{ArrowUp}');
    expect(selected()).toBe(2);
    expect(field.getAttribute('aria-activedescendant')).toBe(options()[2]!.id);
    const label = options()[2]!.getAttribute('data-testid')!.replace('palette-ticket-', '');
    const chosen = app.tickets.find((t) => t.number === label)!;
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByTestId('command-palette')).toBeNull());
    expect(window.location.hash).toBe(`#/tickets/${chosen.id}`);
  });

  it('puts the ticket whose number is typed first', async () => {
    const app = await desk();
    const { screen, user } = app;
    await openPalette(app);
    await user.keyboard('102');
    await screen.findByTestId('palette-ticket-INC0000102');
    expect(screen.getAllByRole('option')[0]!.getAttribute('data-testid')).toBe(
      'palette-ticket-INC0000102',
    );
  });

  it('lists commands, narrows them as words are typed, and runs one with Enter', async () => {
    const app = await desk();
    const { screen, user } = app;
    await openPalette(app);
    await screen.findByRole('option', { name: /New incident/ });
    expect(screen.getByRole('option', { name: /Go to Incidents/ })).toBeTruthy();
    await user.keyboard('new req');
    await waitFor(() =>
      expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
        'New service request',
      ]),
    );
    await user.keyboard('{Enter}');
    await waitFor(() => expect(window.location.hash).toBe('#/new/request'));
  });

  it('says so when nothing matches', async () => {
    const app = await desk();
    const { screen, user } = app;
    await openPalette(app);
    await user.keyboard('zebra');
    expect((await screen.findByTestId('palette-empty')).textContent).toContain(
      'No tickets match “zebra”',
    );
  });

  it('opens from the search field in the top bar too', async () => {
    const { screen, user } = await desk();
    await user.click(screen.getByTestId('palette-trigger'));
    expect(
      await screen.findByRole('combobox', { name: 'Search tickets or type a command' }),
    ).toBeTruthy();
  });
});
