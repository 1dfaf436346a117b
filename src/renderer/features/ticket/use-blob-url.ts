import { useEffect, useState } from 'react';
import { fetchBlob } from '../../blobs/blob-http';
import { ingestBlob, readLocalBlob, type BlobDb } from '../../blobs/blob-db';
import { formatBytes } from './format';

/** Images up to this size are fetched for previews and kept on this device. */
export const PREVIEW_MAX_BYTES = 20 * 1024 * 1024;

const none = { url: null, error: null };

/**
 * An object URL for a blob: from this device if it is here, else fetched
 * from the hub once and kept (so the preview also works offline later).
 * The URL is revoked when the component goes away.
 */
export const useBlobUrl = (
  bdb: BlobDb,
  apiBase: string,
  att: { sha256: string; mime: string; size: number; ticketId: string },
  enabled: boolean,
): { url: string | null; error: string | null } => {
  const [state, setState] = useState<{ url: string | null; error: string | null }>(none);
  const { sha256, mime, size, ticketId } = att;
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let url: string | null = null;
    const fail = (error: string) => live && setState({ url: null, error });
    void (async () => {
      let blob = await readLocalBlob(bdb, sha256);
      if (!blob) {
        if (size > PREVIEW_MAX_BYTES)
          return fail(
            `This image is ${formatBytes(size)}, too large to preview from the hub; download it instead.`,
          );
        const r = await fetchBlob(apiBase, sha256, ticketId);
        if (!r.ok) return fail(r.message);
        blob = r.blob;
        // Kept only if the bytes are what the ticket says they are.
        const stored = await ingestBlob(bdb, blob, mime).catch(() => null);
        if (stored && stored.sha256 !== sha256) {
          await bdb.files.delete(stored.sha256);
          return fail('The hub sent different bytes than were attached');
        }
      }
      if (!live) return;
      url = URL.createObjectURL(blob.type ? blob : new Blob([blob], { type: mime }));
      setState({ url, error: null });
    })().catch((e: unknown) =>
      fail(`The preview could not be read: ${e instanceof Error ? e.message : String(e)}`),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
      // A revoked URL must not be shown again (a broken image) when the preview reopens.
      setState(none);
    };
  }, [bdb, apiBase, sha256, mime, size, ticketId, enabled]);
  return state;
};
