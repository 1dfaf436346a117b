import { afterEach, describe, expect, it, vi } from 'vitest';
import { pendingNote, readDraft, writeDraft } from './draft-backup';

/** The settings table of one local database; `hold` keeps writes from ever committing. */
function fakeDb(name = 'outpost-hub-a-user-1') {
  const rows = new Map<string, unknown>();
  let hold = false;
  const never = new Promise<never>(() => undefined);
  const db = {
    name,
    rows,
    /** From now on writes never finish, as when the page goes away mid-write. */
    holdWrites() {
      hold = true;
    },
    releaseWrites() {
      hold = false;
    },
    settings: {
      get: (key: string) => Promise.resolve(rows.has(key) ? { value: rows.get(key) } : undefined),
      put: (row: { key: string; value: unknown }) => {
        if (hold) return never;
        rows.set(row.key, row.value);
        return Promise.resolve(row.key);
      },
      delete: (key: string) => {
        if (hold) return never;
        rows.delete(key);
        return Promise.resolve();
      },
    },
  };
  return db;
}

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('draft write-ahead notes', () => {
  it('keeps no note once IndexedDB has the write', async () => {
    const db = fakeDb();
    await writeDraft(db, 'draft:t1:reply', 'Hello');
    expect(db.rows.get('draft:t1:reply')).toBe('Hello');
    expect(pendingNote(db.name, 'draft:t1:reply')).toBeNull();
    expect(localStorage.length).toBe(0);
  });

  it('brings back text whose write never reached IndexedDB, and hands it to IndexedDB', async () => {
    const db = fakeDb();
    await writeDraft(db, 'draft:t1:reply', 'Older text');
    db.holdWrites();
    // The page reloads right after the last keystroke: this write is lost with it.
    void writeDraft(db, 'draft:t1:reply', 'Typed just before the reload');
    expect(db.rows.get('draft:t1:reply')).toBe('Older text');

    db.releaseWrites();
    expect(await readDraft(db, 'draft:t1:reply')).toBe('Typed just before the reload');
    await vi.waitFor(() =>
      expect(db.rows.get('draft:t1:reply')).toBe('Typed just before the reload'),
    );
    expect(pendingNote(db.name, 'draft:t1:reply')).toBeNull();
  });

  it('remembers a removal that never reached IndexedDB (a sent reply does not come back)', async () => {
    const db = fakeDb();
    await writeDraft(db, 'draft:t1:reply', 'Sent a moment ago');
    db.holdWrites();
    void writeDraft(db, 'draft:t1:reply', undefined);
    db.releaseWrites();
    expect(await readDraft(db, 'draft:t1:reply')).toBeUndefined();
    await vi.waitFor(() => expect(db.rows.has('draft:t1:reply')).toBe(false));
  });

  it('does not drop a newer note when an older write finishes after it', async () => {
    const db = fakeDb();
    let finishFirst!: () => void;
    const put = db.settings.put;
    // The first write reaches IndexedDB, but its answer comes back only after a newer write.
    db.settings.put = (row) => {
      const done = put(row);
      return row.value === 'first' ? new Promise((r) => (finishFirst = () => r(done))) : done;
    };
    const first = writeDraft(db, 'k', 'first');
    db.holdWrites();
    void writeDraft(db, 'k', 'second');
    finishFirst();
    await first;
    expect(pendingNote(db.name, 'k')?.note).toEqual({ value: 'second' });
  });

  it('keeps one database’s notes away from another’s', async () => {
    const mine = fakeDb('outpost-hub-a-user-1');
    const theirs = fakeDb('outpost-hub-a-user-2');
    mine.holdWrites();
    void writeDraft(mine, 'draft:t1:reply', 'Mine only');
    expect(await readDraft(theirs, 'draft:t1:reply')).toBeUndefined();
  });

  it('still writes to IndexedDB when localStorage refuses the note', async () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const db = fakeDb();
    await writeDraft(db, 'k', 'Kept in IndexedDB');
    expect(db.rows.get('k')).toBe('Kept in IndexedDB');
    expect(await readDraft(db, 'k')).toBe('Kept in IndexedDB');
  });

  it('ignores a damaged note and reads IndexedDB', async () => {
    const db = fakeDb();
    await writeDraft(db, 'k', 'From IndexedDB');
    localStorage.setItem(`outpost.draft-pending:${db.name}:k`, '{not json');
    expect(await readDraft(db, 'k')).toBe('From IndexedDB');
  });
});
