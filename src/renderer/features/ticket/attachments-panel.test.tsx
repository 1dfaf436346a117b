import { act, cleanup, fireEvent, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import { blobDbFor, closeBlobDb } from '../../blobs/blob-db';
import { createSha256 } from '../../blobs/sha256';
import { createHarness, screen, type Harness } from './ticket-test-harness';

let h: Harness;
afterEach(() => {
  cleanup();
  if (h) {
    closeBlobDb(h.db.name);
    h.db.close();
  }
});

const pngBytes = () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const shaOf = (bytes: Uint8Array) => {
  const hash = createSha256();
  hash.update(bytes);
  return hash.digestHex();
};

/** What a browser hands a drop handler when files are dragged in from the desktop. */
const filesDrag = (files: File[]) => ({ dataTransfer: { files, types: ['Files'] } });

const dropOn = (panel: HTMLElement, files: File[]) => {
  fireEvent.dragEnter(panel, filesDrag(files));
  fireEvent.dragOver(panel, filesDrag(files));
  fireEvent.drop(panel, filesDrag(files));
};

const attachCalls = async () =>
  (await h.db.outbox.toArray()).filter((e) => e.name === 'ticket.attach').map((e) => e.args);

describe('attachments panel', () => {
  it('attaches files dropped on it: kept on this device, recorded at once, queued for the hub', async () => {
    h = await createHarness();
    const id = await h.incident();
    h.show(id);
    const panel = await screen.findByTestId('attachments-panel');
    expect(panel.textContent).toContain('Drop files here or use Attach files (up to 256 MB each)');

    const drag = filesDrag([]);
    fireEvent.dragEnter(panel, drag);
    fireEvent.dragOver(panel, drag);
    expect(within(panel).getByRole('status').textContent).toContain('Drop to attach');
    // Passing over the panel's own button is not leaving it: the cue stays.
    const button = within(panel).getByRole('button', { name: 'Attach files' });
    fireEvent.dragEnter(button, drag);
    fireEvent.dragLeave(panel, drag);
    expect(within(panel).getByRole('status').textContent).toContain('Drop to attach');
    fireEvent.dragLeave(button, drag);
    expect(within(panel).queryByText(/Drop to attach/)).toBeNull();

    const bytes = pngBytes();
    dropOn(panel, [new File([bytes], 'vpn-error.png', { type: 'image/png' })]);

    const row = await within(panel).findByTestId('attachment-row');
    expect(row.textContent).toContain('vpn-error.png');
    expect(row.textContent).toContain('12 bytes · image/png · Sam Rivera');
    await waitFor(() => expect(row.textContent).toContain('Not uploaded yet'));
    const sha256 = shaOf(bytes);
    expect(await attachCalls()).toMatchObject([
      { ticketId: id, name: 'vpn-error.png', size: 12, mime: 'image/png', sha256 },
    ]);
    const bdb = blobDbFor(h.db.name);
    expect(await bdb.files.get(sha256)).toMatchObject({ size: 12, mime: 'image/png' });
    expect(await bdb.uploads.get(sha256)).toMatchObject({ name: 'vpn-error.png', failed: false });
  });

  it('refuses a file over the size limit with a message naming it, and attaches the rest', async () => {
    h = await createHarness();
    const id = await h.incident();
    h.show(id);
    const panel = await screen.findByTestId('attachments-panel');
    const big = new File([new Uint8Array(4)], 'disk-image.iso', { type: 'application/x-iso9660' });
    // A real 300 MB file is not needed to test the check; only its reported size is.
    Object.defineProperty(big, 'size', { value: 300 * 1024 * 1024 });
    const small = new File(['log line'], 'vpn.log', { type: 'text/plain' });
    dropOn(panel, [big, small]);

    const alert = await within(panel).findByRole('alert');
    expect(alert.textContent).toBe(
      'disk-image.iso was not attached: it is 300 MB, and a file may be at most 256 MB.',
    );
    const rows = within(panel).getAllByTestId('attachment-row');
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('vpn.log')]);
    expect((await attachCalls()).map((a) => (a as { name: string }).name)).toEqual(['vpn.log']);

    await act(async () => {
      fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    });
    expect(within(panel).queryByRole('alert')).toBeNull();
  });

  it('opens an image in a preview, and closes it leaving no dialog, focus back on its thumbnail', async () => {
    h = await createHarness();
    const id = await h.incident();
    const { user } = h.show(id);
    const panel = await screen.findByTestId('attachments-panel');
    dropOn(panel, [new File([pngBytes()], 'vpn-error.png', { type: 'image/png' })]);

    const thumb = await within(panel).findByRole('button', { name: 'Preview vpn-error.png' });
    await user.click(thumb);
    const dialog = await screen.findByRole('dialog', { name: 'vpn-error.png' });
    const img = await within(dialog).findByRole('img', { name: 'vpn-error.png' });
    expect(img.getAttribute('src')).toMatch(/^blob:/);
    expect(within(dialog).getByRole('button', { name: 'Download (12 bytes)' })).toBeTruthy();

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.querySelector('.mantine-Modal-overlay')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(thumb));
  });

  it('gives each control of a row its own name: a file has one download, an image a preview and a download', async () => {
    h = await createHarness();
    const id = await h.incident();
    h.show(id);
    const panel = await screen.findByTestId('attachments-panel');
    dropOn(panel, [
      new File(['log line'], 'vpn.log', { type: 'text/plain' }),
      new File([pngBytes()], 'vpn-error.png', { type: 'image/png' }),
    ]);
    await waitFor(() => expect(within(panel).getAllByTestId('attachment-row')).toHaveLength(2));
    const controls = (name: string) =>
      within(
        within(panel)
          .getAllByTestId('attachment-row')
          .find((r) => r.textContent?.includes(name))!,
      )
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label') ?? b.textContent);
    // The file's tile is a picture of its kind, not a second "Download vpn.log".
    expect(controls('vpn.log')).toEqual(['Download vpn.log']);
    expect(within(panel).getByTestId('attachment-tile').textContent).toBe('LOG');
    expect(controls('vpn-error.png')).toEqual(['Preview vpn-error.png', 'Download vpn-error.png']);
  });

  it('says why a large image that is only on the hub is not previewed, instead of loading forever', async () => {
    h = await createHarness();
    const id = await h.incident();
    const r = await h.engine.mutate({
      name: 'ticket.attach',
      version: 1,
      args: {
        id: newId(),
        ticketId: id,
        name: 'site-photo.jpg',
        size: 30 * 1024 * 1024,
        mime: 'image/jpeg',
        sha256: 'a'.repeat(64),
      },
    });
    expect(r.ok).toBe(true);
    const { user } = h.show(id);
    await user.click(await screen.findByRole('button', { name: 'Preview site-photo.jpg' }));
    const dialog = await screen.findByRole('dialog', { name: 'site-photo.jpg' });
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'This image is 30 MB, too large to preview from the hub; download it instead.',
    );
  });
});
