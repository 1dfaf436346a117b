import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

/** Attachments are capped like the ticket.attach mutation's `size` (shared/domain/attachment.ts). */
export { MAX_ATTACHMENT_BYTES as MAX_BLOB_BYTES } from '../../shared/domain/attachment';

export interface BlobMeta {
  sha256: string;
  size: number;
  mime: string;
  createdBy: string;
  createdAt: number;
}

export interface PutBlobInput {
  sha256: string;
  mime: string;
  by: string;
  at: number;
  maxBytes: number;
}

export type PutBlobResult =
  | { ok: true; created: boolean; meta: BlobMeta }
  | { ok: false; error: 'too-large'; maxBytes: number }
  | { ok: false; error: 'hash-mismatch'; actual: string; size: number };

/**
 * Where the hub keeps attachment bytes. Writes stream (never the whole file in
 * memory), are verified against the SHA-256 named in the address before they
 * become visible, and are idempotent: the same content twice is stored once.
 */
export interface BlobStore {
  stat(sha256: string): Promise<BlobMeta | null>;
  put(input: PutBlobInput, body: AsyncIterable<Uint8Array>): Promise<PutBlobResult>;
  /** The bytes as a stream, or null when the blob is not (yet) stored. */
  read(sha256: string): Promise<Readable | null>;
}

export class BlobTooLarge extends Error {}

/**
 * Feeds `body` to `sink` in pieces of `chunkBytes` (the last may be shorter)
 * while hashing it; stops with BlobTooLarge past `maxBytes`. Awaiting the sink
 * before reading on is the backpressure: a slow disk or database slows the
 * upload instead of buffering it.
 */
export async function consumeHashed(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  chunkBytes: number,
  sink: (chunk: Buffer) => Promise<void>,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const chunk = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await sink(chunk);
  };
  for await (const piece of body) {
    const buf = Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
    size += buf.length;
    if (size > maxBytes) throw new BlobTooLarge();
    hash.update(buf);
    let offset = 0;
    while (offset < buf.length) {
      const take = Math.min(chunkBytes - pendingBytes, buf.length - offset);
      pending.push(buf.subarray(offset, offset + take));
      pendingBytes += take;
      offset += take;
      if (pendingBytes === chunkBytes) await flush();
    }
  }
  await flush();
  return { sha256: hash.digest('hex'), size };
}
