import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/domain/actor';
import type { QueueId, UserId } from '../../shared/ids';
import type { BootstrapLine } from '../../shared/sync/protocol';
import { allChildren } from '../db/child-packs';
import { openOutpostDbByName, type OutpostDb } from '../db/database';
import { CHUNK, DISK_FULL, runBootstrap } from './bootstrap';
import { loadSyncMeta } from './sync-meta';
import { freshIndexedDb } from './test-platform';
import type { SyncTransport } from './transport';

const actor: Actor = { userId: 'u1' as UserId, roles: ['agent'], queueIds: ['q1' as QueueId] };

/** Three chunks of comments, each a line of CHUNK rows. */
const CHUNKS = 3;
const lines = (): BootstrapLine[] => [
  { type: 'begin', cursor: 7, lastMutationId: 0, aclHash: 'acl', protocol: 1 },
  ...Array.from({ length: CHUNKS }, (_, c): BootstrapLine => ({
    type: 'rows',
    entity: 'comment',
    rows: Array.from({ length: CHUNK }, (_, i) => ({ id: `c${c}-${i}`, ticketId: 't1' })),
  })),
  { type: 'end', rows: CHUNKS * CHUNK },
];

/** A transport whose bootstrap stream is `lines()`. */
const streaming = (): SyncTransport =>
  ({
    bootstrap: async () => ({
      ok: true,
      value: (async function* () {
        for (const line of lines()) {
          yield line;
        }
      })(),
    }),
  }) as unknown as SyncTransport;

let db: OutpostDb;
afterEach(() => db?.close());

describe('bootstrap writes', () => {
  it('says the disk is full when a chunk cannot be written, stays unloaded, and loads whole on the retry', async () => {
    // The second write of (packed) comments fails as a full disk fails it: in IndexedDB, below Dexie.
    let writes = 0;
    db = openOutpostDbByName(`bootstrap-${Math.random()}`, freshIndexedDb());
    db.use({
      stack: 'dbcore',
      name: 'full-disk',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (name !== 'childPacks') return table;
          return {
            ...table,
            mutate: (req) =>
              ++writes === 2
                ? Promise.reject(new DOMException('The disk is full', 'QuotaExceededError'))
                : table.mutate(req),
          };
        },
      }),
    });
    await db.open();
    const failed = await runBootstrap(db, streaming(), actor, () => 1);
    expect(failed).toEqual({ ok: false, error: { kind: 'stream', message: DISK_FULL } });
    expect((await db.transaction('r', db.syncState, () => loadSyncMeta(db))).bootstrapped).toBe(
      false,
    );
    // Only the chunk before the failed one was written; the one after never started.
    expect(await allChildren(db, 'comments')).toHaveLength(CHUNK);

    const retried = await runBootstrap(db, streaming(), actor, () => 1);
    expect(retried).toMatchObject({ ok: true, rows: CHUNKS * CHUNK });
    expect(await allChildren(db, 'comments')).toHaveLength(CHUNKS * CHUNK);
  });
});
