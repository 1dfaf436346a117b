import { cleanup, fireEvent, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installShortcutListener } from '../../app/shortcut-registry';
import { createHarness, screen, type Harness } from './ticket-test-harness';

let h: Harness;
let uninstall: (() => void) | null = null;
afterEach(() => {
  uninstall?.();
  uninstall = null;
  cleanup();
  h?.db.close();
});

describe('transition dialog', () => {
  it('keeps its title and what was typed while it fades out, then gives the keys back to the page', async () => {
    h = await createHarness();
    const id = await h.incident();
    uninstall = installShortcutListener();
    const { user } = h.show(id, { animate: true });
    await user.click(await screen.findByRole('button', { name: 'In Progress' }));
    await user.click(await screen.findByRole('button', { name: 'Resolved…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Move to Resolved' });
    await user.type(within(dialog).getByLabelText(/Resolution notes/), 'Profile rebuilt');

    // Closing starts a fade-out; synchronously after the click it has not ended.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    const fading = screen.getByRole('dialog', { name: 'Move to Resolved' });
    expect(within(fading).getByRole('button', { name: 'Move to Resolved' })).toBeTruthy();
    expect((within(fading).getByLabelText(/Resolution notes/) as HTMLTextAreaElement).value).toBe(
      'Profile rebuilt',
    );

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // With the dialog gone, the page's single keys work again: c writes a reply.
    fireEvent.keyDown(document.body, { key: 'c' });
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('textbox', { name: 'Reply to the requester' }),
      ),
    );
  });
});
