import Dexie, { type Table } from 'dexie';
import { newId } from '../../shared/ids';
import { createSha256 } from './sha256';

/**
 * Attachment bytes on this device, in a database of their own next to the
 * user's store (`<store name>:blobs`): files taken offline survive reloads
 * until they reach the hub, and downloaded ones stay readable offline. Bytes
 * are kept as ArrayBuffer chunks so one chunk at a time is ever in memory.
 */
export interface LocalBlob {
  sha256: string;
  size: number;
  mime: string;
  /** Chunks are stored under this key, made before the hash is known. */
  key: string;
  chunks: number;
  storedAt: number;
}

export interface BlobChunk {
  key: string;
  index: number;
  data: ArrayBuffer;
}

/** A file still to be sent to the hub (PUT /blobs/{sha256}). */
export interface PendingUpload {
  sha256: string;
  mime: string;
  size: number;
  name: string;
  queuedAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  /** The hub refused it for good (hash mismatch, too large): retrying cannot help. */
  failed: boolean;
}

export type BlobDb = Dexie & {
  files: Table<LocalBlob, string>;
  chunks: Table<BlobChunk, [string, number]>;
  uploads: Table<PendingUpload, string>;
};

export const CHUNK_BYTES = 4 * 1024 * 1024;

export const blobDbName = (storeName: string): string => `${storeName}:blobs`;

const open = new Map<string, BlobDb>();

/** One shared instance per user store (several panels and the uploader use it). */
export const blobDbFor = (storeName: string): BlobDb => {
  const name = blobDbName(storeName);
  let db = open.get(name);
  if (!db) {
    db = new Dexie(name) as BlobDb;
    db.version(1).stores({
      files: 'sha256',
      chunks: '[key+index]',
      uploads: 'sha256, nextAttemptAt',
    });
    open.set(name, db);
  }
  return db;
};

export const closeBlobDb = (storeName: string): void => {
  const name = blobDbName(storeName);
  open.get(name)?.close();
  open.delete(name);
};

const bytesOf = async (blob: Blob): Promise<ArrayBuffer> => {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer();
  // Older engines (and some test DOMs): FileReader.
  return new Promise((done, fail) => {
    const r = new FileReader();
    r.onload = () => done(r.result as ArrayBuffer);
    r.onerror = () => fail(r.error ?? new Error('could not read the file'));
    r.readAsArrayBuffer(blob);
  });
};

/**
 * Reads a file once, slice by slice: each slice is hashed and stored, so the
 * file is never whole in memory. Content already on this device is kept once.
 */
export async function ingestBlob(
  db: BlobDb,
  file: Blob,
  mime: string,
  onProgress?: (done: number, total: number) => void,
  chunkBytes = CHUNK_BYTES,
): Promise<{ sha256: string; size: number }> {
  const key = newId<string>();
  const hash = createSha256();
  let index = 0;
  try {
    for (let offset = 0; offset < file.size; offset += chunkBytes) {
      const data = await bytesOf(file.slice(offset, offset + chunkBytes));
      hash.update(new Uint8Array(data));
      await db.chunks.put({ key, index: index++, data });
      onProgress?.(Math.min(file.size, offset + chunkBytes), file.size);
    }
  } catch (e) {
    await db.chunks.where('[key+index]').between([key, 0], [key, Infinity]).delete();
    throw new Error(
      `The file could not be kept on this device: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
  const sha256 = hash.digestHex();
  await db.transaction('rw', db.files, db.chunks, async () => {
    if (await db.files.get(sha256)) {
      await db.chunks.where('[key+index]').between([key, 0], [key, Infinity]).delete();
      return;
    }
    await db.files.put({ sha256, size: file.size, mime, key, chunks: index, storedAt: Date.now() });
  });
  return { sha256, size: file.size };
}

/** The stored bytes as a Blob (built chunk by chunk), or null if not on this device. */
export async function readLocalBlob(db: BlobDb, sha256: string): Promise<Blob | null> {
  const f = await db.files.get(sha256);
  if (!f) return null;
  let blob = new Blob([], { type: f.mime });
  for (let i = 0; i < f.chunks; i++) {
    const c = await db.chunks.get([f.key, i]);
    if (!c) return null;
    blob = new Blob([blob, c.data], { type: f.mime });
  }
  return blob;
}

export const hasLocalBlob = async (db: BlobDb, sha256: string): Promise<boolean> =>
  (await db.files.get(sha256)) !== undefined;
