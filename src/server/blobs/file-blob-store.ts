import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobDb } from './blob-tables';
import {
  BlobTooLarge,
  consumeHashed,
  type BlobMeta,
  type BlobStore,
  type PutBlobResult,
} from './blob-store';
import { insertBlobRow, readBlobRow } from './blob-rows';

/** Temp files older than this are left-overs of a crashed upload. */
const STALE_TMP_MS = 24 * 60 * 60 * 1000;

/** `blobs/ab/cdef…`: 256 folders keep any one directory small. */
export const blobPath = (root: string, sha256: string): string =>
  join(root, sha256.slice(0, 2), sha256.slice(2));

async function sweepTmp(tmp: string, now: number): Promise<void> {
  let names: string[];
  try {
    names = await readdir(tmp);
  } catch {
    return;
  }
  for (const name of names) {
    const p = join(tmp, name);
    const s = await stat(p).catch(() => null);
    if (s && now - s.mtimeMs > STALE_TMP_MS) await rm(p, { force: true });
  }
}

/**
 * The embedded (SQLite) hub keeps bytes as files under its data dir, next to
 * the database: the database stays small and a file-level backup of the data
 * dir takes both. A file is written to `tmp/`, verified, then renamed into
 * place (atomic on one file system), and only then recorded in `blobs`, so a
 * half-written upload is never served.
 */
export async function createFileBlobStore(
  db: BlobDb,
  root: string,
  now: () => number,
): Promise<BlobStore> {
  const tmp = join(root, 'tmp');
  await mkdir(tmp, { recursive: true });
  await sweepTmp(tmp, now());

  const stat_ = (sha256: string): Promise<BlobMeta | null> => readBlobRow(db, sha256);

  return {
    stat: stat_,
    async put(input, body): Promise<PutBlobResult> {
      const existing = await stat_(input.sha256);
      const tmpFile = join(tmp, randomUUID());
      // Content already here is still read and hashed: the answer must not tell
      // anyone who lacks the bytes whether they exist.
      const fh = existing ? null : await open(tmpFile, 'wx');
      let received: { sha256: string; size: number };
      try {
        received = await consumeHashed(body, input.maxBytes, 1024 * 1024, async (chunk) => {
          if (fh) await fh.write(chunk);
        });
        await fh?.sync();
      } catch (e) {
        await fh?.close();
        await rm(tmpFile, { force: true });
        if (e instanceof BlobTooLarge)
          return { ok: false, error: 'too-large', maxBytes: input.maxBytes };
        throw e;
      }
      await fh?.close();
      if (received.sha256 !== input.sha256) {
        await rm(tmpFile, { force: true });
        return { ok: false, error: 'hash-mismatch', actual: received.sha256, size: received.size };
      }
      if (existing) return { ok: true, created: false, meta: existing };
      const final = blobPath(root, input.sha256);
      await mkdir(join(root, input.sha256.slice(0, 2)), { recursive: true });
      await rename(tmpFile, final);
      const meta: BlobMeta = {
        sha256: input.sha256,
        size: received.size,
        mime: input.mime,
        createdBy: input.by,
        createdAt: input.at,
      };
      const created = await insertBlobRow(db, meta, null);
      return { ok: true, created, meta: created ? meta : ((await stat_(input.sha256)) ?? meta) };
    },
    async read(sha256): Promise<Readable | null> {
      if (!(await stat_(sha256))) return null;
      const p = blobPath(root, sha256);
      // The row says it exists; a missing file means someone removed it by hand.
      if (!(await stat(p).catch(() => null))) return null;
      return createReadStream(p, { highWaterMark: 256 * 1024 });
    },
  };
}
