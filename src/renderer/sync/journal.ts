import Dexie, { type Table } from 'dexie';
import type { OutboxEntry, IndexedDbDeps } from '../db/database';

/**
 * A second copy of not-yet-acknowledged mutations, kept outside the main
 * database (SYNC.md; issue "nothing typed is ever lost"): if the main
 * database is wiped or corrupted, the client re-bootstraps and replays these
 * under the same client id, so the hub recognises any it already applied.
 * Desktop: a file written by the main process; web mode: a second IndexedDB.
 */
export interface JournalEntry extends OutboxEntry {
  clientId: string;
}

export interface MutationJournal {
  append(entry: JournalEntry): Promise<void>;
  list(): Promise<JournalEntry[]>;
  /** Forgets entries of this client up to and including `throughMutationId`. */
  trim(clientId: string, throughMutationId: number): Promise<void>;
}

/**
 * Marks a journal copy whose edit never reached the local store (its commit
 * failed after the journal write). Replay skips it, and the next edit, which
 * gets the same mutation id, replaces it.
 */
export const NOT_RECORDED = 'NOT_RECORDED';

export const isWithdrawn = (entry: Pick<JournalEntry, 'localError'>): boolean =>
  entry.localError?.code === NOT_RECORDED;

type JournalDb = Dexie & { entries: Table<JournalEntry, [string, number]> };

export const journalDbName = (mainDbName: string) => `${mainDbName}:journal`;

export function createIndexedDbJournal(mainDbName: string, deps?: IndexedDbDeps): MutationJournal {
  const db = new Dexie(
    journalDbName(mainDbName),
    deps ? { indexedDB: deps.indexedDB, IDBKeyRange: deps.IDBKeyRange } : {},
  ) as JournalDb;
  db.version(1).stores({ entries: '[clientId+mutationId]' });
  return {
    async append(entry) {
      await db.entries.put(entry);
    },
    async list() {
      return db.entries.toArray();
    },
    async trim(clientId, through) {
      await db.entries
        .where('[clientId+mutationId]')
        .between([clientId, Dexie.minKey], [clientId, through], true, true)
        .delete();
    },
  };
}

/** Which journal: one per hub and user, like the main database. */
export interface JournalScope {
  hubOrigin: string;
  userId: string;
}

/** For the desktop shell: journal calls go to the main process through window.outpost. */
export interface JournalBridge {
  journalAppend(arg: { scope: JournalScope; entry: JournalEntry }): Promise<null>;
  journalList(scope: JournalScope): Promise<JournalEntry[]>;
  journalTrim(arg: { scope: JournalScope; clientId: string; through: number }): Promise<null>;
}

export const createBridgeJournal = (
  bridge: JournalBridge,
  scope: JournalScope,
): MutationJournal => ({
  append: async (entry) => {
    await bridge.journalAppend({ scope, entry });
  },
  list: () => bridge.journalList(scope),
  trim: async (clientId, through) => {
    await bridge.journalTrim({ scope, clientId, through });
  },
});
