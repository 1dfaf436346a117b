/**
 * A synchronous copy of a draft write that has not reached IndexedDB yet.
 *
 * Drafts are written through to IndexedDB on every keystroke, but a write
 * still in flight when the page goes away (a reload, a closed window, a
 * crash a moment after typing) is aborted with it. So each write is first
 * noted in localStorage, which is written before the call returns, and the
 * note is removed once IndexedDB has committed that write (unless a newer one
 * replaced it). Reading a draft prefers a note left behind: it is newer than
 * what IndexedDB holds. Keys carry the local database's name, so one user's
 * drafts never surface in another user's or another hub's store.
 */

const PREFIX = 'outpost.draft-pending:';

type Note = { value: unknown } | { deleted: true };

const noteKey = (dbName: string, key: string) => `${PREFIX}${dbName}:${key}`;

const storage = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
};

/**
 * Notes a write (or, with `deleted`, a removal) about to go to IndexedDB.
 * Returns a token for `settled`; null when the note could not be kept
 * (storage full or refused): then only IndexedDB has the draft, as before.
 */
export function notePending(dbName: string, key: string, note: Note): string | null {
  const s = storage();
  if (!s) return null;
  const text = JSON.stringify(note);
  try {
    s.setItem(noteKey(dbName, key), text);
    return text;
  } catch {
    return null;
  }
}

/** IndexedDB has the write noted as `token`: drop the note unless a newer one replaced it. */
export function settled(dbName: string, key: string, token: string | null): void {
  const s = storage();
  if (!s || token === null) return;
  try {
    if (s.getItem(noteKey(dbName, key)) === token) s.removeItem(noteKey(dbName, key));
  } catch {
    // Nothing to do: a stale note only repeats what IndexedDB already has.
  }
}

/** A write that may not have reached IndexedDB, if one was left behind, with its token. */
export function pendingNote(dbName: string, key: string): { note: Note; token: string } | null {
  const s = storage();
  if (!s) return null;
  try {
    const token = s.getItem(noteKey(dbName, key));
    if (token === null) return null;
    const parsed = JSON.parse(token) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    if ('deleted' in parsed) return { note: { deleted: true }, token };
    if ('value' in parsed) return { note: { value: (parsed as { value: unknown }).value }, token };
    return null;
  } catch {
    return null;
  }
}

/** The local database's name and its `settings` table, where drafts live. */
export interface DraftStore {
  name: string;
  settings: {
    get(key: string): PromiseLike<{ value: unknown } | undefined>;
    put(row: { key: string; value: unknown }): PromiseLike<unknown>;
    delete(key: string): PromiseLike<unknown>;
  };
}

/**
 * The draft to show: a pending note if there is one (written back to
 * IndexedDB so the note can go), else what IndexedDB holds.
 */
export async function readDraft(db: DraftStore, key: string): Promise<unknown> {
  const pending = pendingNote(db.name, key);
  if (pending) {
    const { note, token } = pending;
    const write =
      'deleted' in note ? db.settings.delete(key) : db.settings.put({ key, value: note.value });
    void Promise.resolve(write).then(
      () => settled(db.name, key, token),
      () => undefined,
    );
    return 'deleted' in note ? undefined : note.value;
  }
  return (await db.settings.get(key))?.value;
}

/** Writes a draft (undefined removes it), noting it first so a page closing meanwhile keeps it. */
export function writeDraft(db: DraftStore, key: string, value: unknown): Promise<void> {
  const note: Note = value === undefined ? { deleted: true } : { value };
  const token = notePending(db.name, key, note);
  const write = value === undefined ? db.settings.delete(key) : db.settings.put({ key, value });
  return Promise.resolve(write).then(() => settled(db.name, key, token));
}
