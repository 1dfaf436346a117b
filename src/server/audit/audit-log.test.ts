import { afterEach, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  openTestDatabase,
  type TestDatabaseHandle,
} from '../../../tests/fixtures/hub-fixture';
import { appendAudit, GENESIS_HASH, hashAuditEntry, listAudit, verifyAudit } from './audit-log';

describe.each(DIALECTS)('audit log on %s', (dialect) => {
  let handle: TestDatabaseHandle;
  afterEach(async () => handle?.cleanup());

  const seed = async (n: number) => {
    for (let i = 1; i <= n; i++) {
      await appendAudit(handle.db.kysely, 1_000 + i, {
        actorId: 'a',
        action: 'user.update',
        target: `user:${i}`,
        details: { n: i, roles: ['agent'] },
      });
    }
  };

  it('chains entries: each links to the previous hash and verifies intact', async () => {
    handle = await openTestDatabase(dialect);
    expect(await verifyAudit(handle.db.kysely)).toEqual({ ok: true, entries: 0 });
    await seed(3);
    const entries = (await listAudit(handle.db.kysely, { limit: 10 })).reverse();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[2]!.hash).toBe(hashAuditEntry(entries[1]!.hash, entries[2]!));
    expect(entries[2]!.details).toEqual({ n: 3, roles: ['agent'] });
    expect(await verifyAudit(handle.db.kysely)).toEqual({ ok: true, entries: 3 });
  });

  it('reports the first changed entry', async () => {
    handle = await openTestDatabase(dialect);
    await seed(5);
    await handle.db.kysely
      .updateTable('audit_log')
      .set({ details: '{"n":3,"roles":["admin"]}' })
      .where('seq', '=', 3)
      .execute();
    expect(await verifyAudit(handle.db.kysely)).toMatchObject({
      ok: false,
      seq: 3,
      entries: 2,
      reason: 'entry 3 was changed after it was written',
    });
  });

  it('reports a deleted entry in the middle and deleted newest entries', async () => {
    handle = await openTestDatabase(dialect);
    await seed(5);
    await handle.db.kysely.deleteFrom('audit_log').where('seq', '=', 2).execute();
    expect(await verifyAudit(handle.db.kysely)).toMatchObject({ ok: false, seq: 2 });

    await handle.cleanup();
    handle = await openTestDatabase(dialect);
    await seed(5);
    await handle.db.kysely.deleteFrom('audit_log').where('seq', '>=', 4).execute();
    expect(await verifyAudit(handle.db.kysely)).toMatchObject({
      ok: false,
      seq: 4,
      reason: 'entries 4..5 are missing',
    });
    // Appending after a truncation leaves the gap visible rather than reusing numbers.
    await seed(1);
    expect(await verifyAudit(handle.db.kysely)).toMatchObject({ ok: false, seq: 4 });
  });

  it('reports a re-hashed forgery that no longer links to its predecessor', async () => {
    handle = await openTestDatabase(dialect);
    await seed(3);
    const forged = {
      seq: 2,
      at: 5,
      actorId: 'x',
      action: 'user.create',
      target: null,
      details: {},
    };
    const hash = hashAuditEntry('f'.repeat(64), forged);
    await handle.db.kysely
      .updateTable('audit_log')
      .set({
        at: 5,
        actor_id: 'x',
        action: 'user.create',
        target: null,
        details: '{}',
        prev_hash: 'f'.repeat(64),
        hash,
      })
      .where('seq', '=', 2)
      .execute();
    expect(await verifyAudit(handle.db.kysely)).toMatchObject({
      ok: false,
      seq: 2,
      reason: 'entry 2 does not link to entry 1',
    });
  });

  it('gives concurrent appends distinct, gap-free sequence numbers', async () => {
    handle = await openTestDatabase(dialect);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        appendAudit(handle.db.kysely, 10 + i, {
          actorId: null,
          action: 'auth.login',
          target: null,
        }),
      ),
    );
    const seqs = (await listAudit(handle.db.kysely, { limit: 100 }))
      .map((e) => e.seq)
      .sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await verifyAudit(handle.db.kysely)).toEqual({ ok: true, entries: 20 });
  });

  it('pages backwards with beforeSeq', async () => {
    handle = await openTestDatabase(dialect);
    await seed(5);
    const page = await listAudit(handle.db.kysely, { limit: 2, beforeSeq: 4 });
    expect(page.map((e) => e.seq)).toEqual([3, 2]);
  });
});
