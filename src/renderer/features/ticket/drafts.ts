import { useCallback, useEffect, useRef, useState } from 'react';
import { useOutpostDb } from '../../app/db-context';

export type DraftKind = 'reply' | 'note' | 'work';

/** Drafts live in the local `settings` table, so a reload, a crash or a sign-out keeps them. */
export const draftKey = (ticketId: string, kind: DraftKind): string => `draft:${ticketId}:${kind}`;

/**
 * A value typed into a composer, written through to IndexedDB on every
 * change and read back when the ticket is opened again. Typing before the
 * stored draft has loaded wins over it: nothing the user just typed is
 * replaced by an older copy.
 */
export const useDraft = <T>(
  key: string,
  empty: T,
  isEmpty: (v: T) => boolean,
): { value: T; set: (v: T) => void; clear: () => Promise<void>; loaded: boolean } => {
  const db = useOutpostDb();
  const [value, setValue] = useState<T>(empty);
  const [loaded, setLoaded] = useState(false);
  const touched = useRef(false);
  const emptyRef = useRef(empty);
  const isEmptyRef = useRef(isEmpty);

  useEffect(() => {
    let live = true;
    touched.current = false;
    setValue(emptyRef.current);
    setLoaded(false);
    void db.settings.get(key).then(
      (row) => {
        if (!live) return;
        if (!touched.current && row?.value !== undefined) setValue(row.value as T);
        setLoaded(true);
      },
      () => live && setLoaded(true),
    );
    return () => {
      live = false;
    };
  }, [db, key]);

  const set = useCallback(
    (v: T) => {
      touched.current = true;
      setValue(v);
      // If IndexedDB refuses, the text still lives in state: nothing typed is lost.
      const write = isEmptyRef.current(v)
        ? db.settings.delete(key)
        : db.settings.put({ key, value: v });
      Promise.resolve(write).catch(() => undefined);
    },
    [db, key],
  );

  const clear = useCallback(async () => {
    touched.current = true;
    setValue(emptyRef.current);
    await db.settings.delete(key);
  }, [db, key]);

  return { value, set, clear, loaded };
};
