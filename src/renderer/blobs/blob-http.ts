import { apiErrorSchema } from '../../shared/api/errors';
import { blobPath, RAW_UPLOAD_HEADER } from '../../shared/api/blobs';
import type { PutBlob } from './uploader';

const UNREACHABLE = 'The hub cannot be reached; the file will be sent when it can.';

const hubMessage = (text: string, status: number): string => {
  try {
    const parsed = apiErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.error.message;
  } catch {
    // not JSON: fall through
  }
  return `The hub answered HTTP ${status}`;
};

/**
 * PUT with XMLHttpRequest: fetch has no upload progress. The Blob is handed
 * to the browser, which streams it from its own storage. Only statuses that
 * will not change on retry (400 bad hash, 413 too large, 403) are final.
 */
export const xhrPutBlob =
  (apiBase: string): PutBlob =>
  (sha256, body, mime, onProgress) =>
    new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('PUT', `${apiBase}${blobPath(sha256)}`);
      xhr.setRequestHeader('Content-Type', mime || 'application/octet-stream');
      xhr.setRequestHeader(RAW_UPLOAD_HEADER, '1');
      xhr.withCredentials = true;
      xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : body.size);
      xhr.onload = () => {
        if (xhr.status === 200 || xhr.status === 201) return resolve({ ok: true });
        const final = xhr.status === 400 || xhr.status === 403 || xhr.status === 413;
        resolve({ ok: false, retry: !final, message: hubMessage(xhr.responseText, xhr.status) });
      };
      xhr.onerror = () => resolve({ ok: false, retry: true, message: UNREACHABLE });
      xhr.ontimeout = xhr.onerror;
      xhr.send(body);
    });

export type FetchBlobResult =
  { ok: true; blob: Blob } | { ok: false; message: string; offline: boolean };

/** GET a blob the hub holds; `ticketId` lets the hub check access with one lookup. */
export const fetchBlob = async (
  apiBase: string,
  sha256: string,
  ticketId: string,
): Promise<FetchBlobResult> => {
  let res: Response;
  try {
    res = await fetch(`${apiBase}${blobPath(sha256, ticketId)}`, { credentials: 'same-origin' });
  } catch {
    return {
      ok: false,
      offline: true,
      message: 'This file is not on this device and the hub cannot be reached.',
    };
  }
  if (!res.ok)
    return { ok: false, offline: false, message: hubMessage(await res.text(), res.status) };
  return { ok: true, blob: await res.blob() };
};
