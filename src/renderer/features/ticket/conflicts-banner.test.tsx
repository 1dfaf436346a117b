import { cleanup, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Conflict } from '../../../shared/domain/conflict';
import { newId, type ConflictId, type TicketId } from '../../../shared/ids';
import { TOO_LARGE_CODE } from '../../sync/oversized';
import { DISMISSED_PREFIX } from './use-ticket-data';
import { createHarness, screen, type Harness } from './ticket-test-harness';

/**
 * An edit too large for the hub even alone lives on only in its conflict
 * (sync/oversized.ts): the banner must give the text back to the user.
 */
let h: Harness;
const realClipboard = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
afterEach(() => {
  cleanup();
  h?.db.close();
  if (realClipboard) Object.defineProperty(navigator, 'clipboard', realClipboard);
  else delete (navigator as { clipboard?: unknown }).clipboard;
});

const longText = `Steps to reproduce\n${'The VPN client drops the tunnel after resume. '.repeat(1500)}`;

const tooLarge = (ticketId: TicketId): Conflict => ({
  id: newId<ConflictId>(),
  userId: h.actor.userId,
  ticketId,
  field: null,
  mine: { ticketId, fields: { description: longText }, base: { description: null } },
  theirs: null,
  theirsBy: null,
  at: Date.now(),
  mutation: 'ticket.setFields@1',
  code: TOO_LARGE_CODE,
  message: 'This change (66 KB) is too large to send to the hub, so it was not applied there',
});

const withClipboard = (writeText: (text: string) => Promise<void>) =>
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });

const open = async (conflict?: Conflict) => {
  h = await createHarness();
  const id = await h.incident();
  const c = conflict ?? tooLarge(id);
  await h.db.conflicts.put({ ...c, ticketId: id });
  const view = h.show(id);
  const alert = await screen.findByRole('alert', {
    name: 'Your change to the description was too large to send',
  });
  return { ...view, alert, conflict: { ...c, ticketId: id } };
};

describe('conflicts banner: an edit too large to send', () => {
  it('says what happened and copies the text the user typed back to the clipboard', async () => {
    const { user, alert } = await open();
    const writeText = vi.fn(async (_text: string) => {});
    withClipboard(writeText);
    expect(alert.textContent).toContain('The hub does not accept a change this large');

    await user.click(screen.getByRole('button', { name: 'Copy my text' }));

    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      'Your text is on the clipboard.',
    );
    expect(writeText).toHaveBeenCalledWith(longText);
    expect(screen.queryByRole('textbox', { name: /Your text/ })).toBeNull();
  });

  it.each([
    ['refused', { writeText: () => Promise.reject(new DOMException('Denied', 'NotAllowedError')) }],
    ['missing (an insecure origin)', undefined],
  ])(
    'when the clipboard is %s, shows the text read-only and selected for copying by hand',
    async (_, clipboard) => {
      const { user } = await open();
      Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });

      await user.click(screen.getByRole('button', { name: 'Copy my text' }));

      const box = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: /Your text/ });
      expect(box.value).toBe(longText);
      expect(box.readOnly).toBe(true);
      await waitFor(() => expect(document.activeElement).toBe(box));
      expect([box.selectionStart, box.selectionEnd]).toEqual([0, longText.length]);
      expect(screen.queryByRole('status')).toBeNull();
    },
  );

  it('Dismiss hides it and remembers that on this device; the conflict itself stays', async () => {
    const { user, conflict } = await open();

    await user.click(screen.getByRole('button', { name: 'Dismiss' }));

    await waitFor(() => expect(screen.queryAllByTestId('conflict')).toHaveLength(0));
    expect(await h.db.settings.get(`${DISMISSED_PREFIX}${conflict.id}`)).toBeDefined();
    expect((await h.db.conflicts.get(conflict.id))?.mine).toEqual(conflict.mine);
  });
});
