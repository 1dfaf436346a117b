import { useCallback, useEffect, useRef, useState } from 'react';
import { useOutpostDb } from '../../app/db-context';
import { readDraft, writeDraft } from '../../app/draft-backup';

export type NewKind = 'incident' | 'request';

/** A new ticket's draft lives in the local `settings` table until it is submitted. */
export const newDraftKey = (kind: NewKind): string => `draft:new:${kind}`;

export interface DraftState<T> {
  /** Undefined until the stored draft has been read. */
  draft: T | undefined;
  update: (patch: Partial<T>) => void;
  /** Forgets the draft (after a successful submit, or on discard). */
  clear: () => Promise<void>;
  /** Set when the device refused to store the draft (storage full). */
  saveError: string | null;
}

/**
 * The form's values, written through to IndexedDB on every change, so a
 * reload, a crash, a refused submit or a detour to another ticket never
 * loses what was typed. A stored draft from an older shape is merged over
 * the empty one, so a field added later simply starts empty.
 */
export const useNewDraft = <T extends object>(
  kind: NewKind,
  empty: T,
  isEmpty: (d: T) => boolean,
): DraftState<T> => {
  const db = useOutpostDb();
  const key = newDraftKey(kind);
  const [draft, setDraft] = useState<T | undefined>(undefined);
  const [saveError, setSaveError] = useState<string | null>(null);
  const current = useRef<T | undefined>(undefined);
  const fresh = useRef(empty);
  const blank = useRef(isEmpty);

  useEffect(() => {
    let live = true;
    void readDraft(db, key).then(
      (stored) => {
        if (!live) return;
        const value =
          stored && typeof stored === 'object' && !Array.isArray(stored)
            ? { ...fresh.current, ...(stored as Partial<T>) }
            : fresh.current;
        current.current = value;
        setDraft(value);
      },
      () => {
        if (!live) return;
        current.current = fresh.current;
        setDraft(fresh.current);
      },
    );
    return () => {
      live = false;
    };
  }, [db, key]);

  const update = useCallback(
    (patch: Partial<T>) => {
      const next = { ...(current.current ?? fresh.current), ...patch };
      current.current = next;
      setDraft(next);
      writeDraft(db, key, blank.current(next) ? undefined : next).then(
        () => setSaveError(null),
        (e: unknown) =>
          setSaveError(
            `This draft could not be kept on this device: ${e instanceof Error ? e.message : String(e)}`,
          ),
      );
    },
    [db, key],
  );

  const clear = useCallback(async () => {
    current.current = fresh.current;
    setDraft(fresh.current);
    await writeDraft(db, key, undefined);
  }, [db, key]);

  return { draft, update, clear, saveError };
};
