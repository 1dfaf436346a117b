import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { blobDbFor, closeBlobDb, ingestBlob, readLocalBlob, type BlobDb } from './blob-db';
import { createUploader, enqueueUpload, type PutBlob, type UploadResult } from './uploader';

const hex = (buf: ArrayBuffer) =>
  [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

const bytes = (n: number) => {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + 7) & 0xff;
  return b;
};

/** Timers that fire only when the test says so. */
const manualTimers = () => {
  const due: { fn: () => void; at: number }[] = [];
  return {
    timers: {
      setTimeout: (fn: () => void, ms: number) => {
        const t = { fn, at: ms };
        due.push(t);
        return t;
      },
      clearTimeout: (h: unknown) => {
        const i = due.indexOf(h as (typeof due)[number]);
        if (i >= 0) due.splice(i, 1);
      },
    },
    pending: () => due.length,
    delays: () => due.map((d) => d.at),
  };
};

let name: string;
let db: BlobDb;
afterEach(() => closeBlobDb(name));

const setup = async (answers: UploadResult[]) => {
  name = `uploader-${newId()}`;
  db = blobDbFor(name);
  let t = 1_000_000;
  const sent: { sha256: string; size: number; mime: string }[] = [];
  const put: PutBlob = async (sha256, body, mime, onProgress) => {
    onProgress(body.size, body.size);
    sent.push({ sha256, size: body.size, mime });
    return answers.shift() ?? { ok: true };
  };
  const timers = manualTimers();
  const uploader = createUploader({
    db,
    put,
    now: () => t,
    timers: timers.timers,
    random: () => 0.5,
  });
  return { uploader, sent, timers, advance: (ms: number) => (t += ms), now: () => t };
};

describe('local blob store', () => {
  it('hashes while storing in chunks and gives the same bytes back', async () => {
    name = `blobs-${newId()}`;
    db = blobDbFor(name);
    // Small chunks: fake-indexeddb clones large buffers slowly; the logic is the same.
    const chunk = 1000;
    const data = bytes(chunk * 2 + 123);
    const r = await ingestBlob(db, new Blob([data]), 'application/pdf', undefined, chunk);
    expect(r.sha256).toBe(hex(await crypto.subtle.digest('SHA-256', data)));
    expect(r.size).toBe(data.length);
    const back = await readLocalBlob(db, r.sha256);
    expect(back?.type).toBe('application/pdf');
    expect(new Uint8Array(await back!.arrayBuffer())).toEqual(data);
    // The same content again is stored once.
    await ingestBlob(db, new Blob([data]), 'application/pdf', undefined, chunk);
    expect(await db.files.count()).toBe(1);
    expect(await db.chunks.count()).toBe(3);
  });
});

describe('upload queue', () => {
  it('sends a queued file once and forgets it when the hub has it', async () => {
    const { uploader, sent, now } = await setup([{ ok: true }]);
    const { sha256, size } = await ingestBlob(db, new Blob([bytes(5000)]), 'image/png');
    await enqueueUpload(db, { sha256, size, mime: 'image/png', name: 'a.png' }, now());
    await uploader.runOnce();
    expect(sent).toEqual([{ sha256, size: 5000, mime: 'image/png' }]);
    expect(await db.uploads.count()).toBe(0);
    // The bytes stay on this device for offline reading.
    expect(await readLocalBlob(db, sha256)).not.toBeNull();
  });

  it('retries an unreachable hub later with growing waits, then succeeds', async () => {
    const offline = { ok: false as const, retry: true, message: 'The hub cannot be reached' };
    const { uploader, sent, advance, now } = await setup([offline, offline, { ok: true }]);
    const { sha256, size } = await ingestBlob(db, new Blob([bytes(10)]), 'text/plain');
    await enqueueUpload(db, { sha256, size, mime: 'text/plain', name: 'a.txt' }, now());

    await uploader.runOnce();
    const first = (await db.uploads.get(sha256))!;
    expect(first).toMatchObject({
      attempts: 1,
      failed: false,
      lastError: 'The hub cannot be reached',
    });
    // Not due yet: nothing is sent.
    await uploader.runOnce();
    expect(sent).toHaveLength(1);

    const firstWait = first.nextAttemptAt - now();
    advance(firstWait);
    await uploader.runOnce();
    const second = (await db.uploads.get(sha256))!;
    expect(second.attempts).toBe(2);
    expect(second.nextAttemptAt - now()).toBeGreaterThan(firstWait);

    advance(second.nextAttemptAt - now());
    await uploader.runOnce();
    expect(sent).toHaveLength(3);
    expect(await db.uploads.count()).toBe(0);
  });

  it('marks a refusal the hub will repeat as failed, with its message, and stops retrying it', async () => {
    const { uploader, sent, advance, now } = await setup([
      { ok: false, retry: false, message: 'The uploaded bytes do not match the address' },
    ]);
    const { sha256, size } = await ingestBlob(db, new Blob([bytes(10)]), 'text/plain');
    await enqueueUpload(db, { sha256, size, mime: 'text/plain', name: 'a.txt' }, now());
    await uploader.runOnce();
    expect(await db.uploads.get(sha256)).toMatchObject({
      failed: true,
      lastError: 'The uploaded bytes do not match the address',
    });
    advance(60 * 60_000);
    await uploader.runOnce();
    expect(sent).toHaveLength(1);
  });

  it('resume forgets the backoff of waiting uploads (back online)', async () => {
    const offline = { ok: false as const, retry: true, message: 'offline' };
    const { uploader, sent, now } = await setup([offline, { ok: true }]);
    const { sha256, size } = await ingestBlob(db, new Blob([bytes(10)]), 'text/plain');
    await enqueueUpload(db, { sha256, size, mime: 'text/plain', name: 'a.txt' }, now());
    await uploader.runOnce();
    expect((await db.uploads.get(sha256))!.nextAttemptAt).toBeGreaterThan(now());
    await uploader.resume();
    await uploader.runOnce();
    expect(sent).toHaveLength(2);
    expect(await db.uploads.count()).toBe(0);
  });
});
