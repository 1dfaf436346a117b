import { useCallback, useEffect, useRef, useState } from 'react';
import { useOutpostDb } from '../../app/db-context';
import { readDraft, writeDraft } from '../../app/draft-backup';

export type DraftKind = 'reply' | 'note' | 'work';

/**
 * Drafts live in the local `settings` table, so a reload, a crash or a
 * sign-out keeps them; a write still in flight when the page goes is kept
 * by draft-backup.ts until IndexedDB has it.
 */
export const draftKey = (ticketId: string, kind: DraftKind): string => `draft:${ticketId}:${kind}`;

/** An in-place edit of one field of a ticket (title, description, root cause…). */
export const fieldDraftKey = (ticketId: string, field: string): string =>
  `draft:${ticketId}:field:${field}`;

/** What was typed into the dialog of one transition (resolution notes, workaround…). */
export const transitionDraftKey = (ticketId: string, to: string): string =>
  `draft:${ticketId}:transition:${to}`;

export interface Draft<T> {
  value: T;
  set: (v: T) => void;
  clear: () => Promise<void>;
  loaded: boolean;
  /** The value came back from the device (typed in an earlier visit) and is not empty. */
  restored: boolean;
}

/**
 * A value typed into a composer, written through to IndexedDB on every
 * change and read back when the ticket is opened again. Typing before the
 * stored draft has loaded wins over it: nothing the user just typed is
 * replaced by an older copy. `accept` checks what was stored (it may come
 * from an older version of the app); a value it refuses is ignored.
 */
export const useDraft = <T>(
  key: string,
  empty: T,
  isEmpty: (v: T) => boolean,
  accept?: (v: unknown) => v is T,
): Draft<T> => {
  const db = useOutpostDb();
  const [value, setValue] = useState<T>(empty);
  const [loaded, setLoaded] = useState(false);
  const [restored, setRestored] = useState(false);
  const touched = useRef(false);
  const emptyRef = useRef(empty);
  const isEmptyRef = useRef(isEmpty);
  const acceptRef = useRef(accept);

  useEffect(() => {
    let live = true;
    touched.current = false;
    setValue(emptyRef.current);
    setLoaded(false);
    setRestored(false);
    void readDraft(db, key).then(
      (stored) => {
        if (!live) return;
        const ok = stored !== undefined && (acceptRef.current ? acceptRef.current(stored) : true);
        if (!touched.current && ok) {
          setValue(stored as T);
          setRestored(!isEmptyRef.current(stored as T));
        }
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
      writeDraft(db, key, isEmptyRef.current(v) ? undefined : v).catch(() => undefined);
    },
    [db, key],
  );

  const clear = useCallback(async () => {
    touched.current = true;
    setValue(emptyRef.current);
    setRestored(false);
    await writeDraft(db, key, undefined);
  }, [db, key]);

  return { value, set, clear, loaded, restored };
};

/** An edit of an existing value: the text typed and the value it started from. */
export interface EditDraft {
  text: string;
  from: string;
}

const isEditDraft = (v: unknown): v is EditDraft =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as EditDraft).text === 'string' &&
  typeof (v as EditDraft).from === 'string';

/**
 * A draft of an in-place edit. It is kept on the device only while it differs
 * from where it started, so opening an editor and leaving it untouched
 * leaves nothing behind; `from` lets the editor say when the saved value has
 * changed underneath the draft since.
 */
export const useEditDraft = (key: string): Draft<EditDraft | null> =>
  useDraft<EditDraft | null>(key, null, (d) => d === null || d.text === d.from, isEditDraft);
