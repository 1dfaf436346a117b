import { z } from 'zod';

/** Content-addressed attachment bytes (SYNC.md "Blobs"): PUT/GET {BLOB_PREFIX}/{sha256}. */
export const BLOB_PREFIX = '/blobs';

/**
 * Raw uploads carry a file's own Content-Type, not JSON. This custom header
 * stands in for the JSON type in the hub's CSRF guard: a page on another site
 * cannot add a custom header without a CORS preflight, which the hub never grants.
 */
export const RAW_UPLOAD_HEADER = 'x-outpost-upload';

/** What PUT answers: 201 with created true the first time, 200 and false after. */
export const blobPutResponseSchema = z.object({
  sha256: z.string(),
  size: z.number().int().nonnegative(),
  mime: z.string(),
  created: z.boolean(),
});
export type BlobPutResponse = z.infer<typeof blobPutResponseSchema>;

/** The download address; `ticket` names the ticket being shown (a cheap access check). */
export const blobPath = (sha256: string, ticketId?: string): string =>
  `${BLOB_PREFIX}/${sha256}${ticketId ? `?ticket=${encodeURIComponent(ticketId)}` : ''}`;
