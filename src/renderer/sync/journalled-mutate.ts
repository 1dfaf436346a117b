import type { Actor } from '../../shared/domain/actor';
import type { Ticket } from '../../shared/domain/ticket';
import type { Effect } from '../../shared/sync/mutations/types';
import type { OutpostDb } from '../db/database';
import { derivedSlaOf } from '../db/derived-sla';
import { NOT_RECORDED, type JournalEntry, type MutationJournal } from './journal';
import {
  commitPlannedMutation,
  planLocalMutation,
  type LocalMutationResult,
  type MutationRequest,
} from './mutate';
import { readSyncMeta } from './sync-meta';
import { withWriteLock } from './write-lock';

/** The journal (the copy outside the main database) could not be written; nothing was saved. */
export class JournalWriteError extends Error {
  constructor(readonly reason: string) {
    super(
      `Outpost could not write the safety copy of this change (${reason}), so nothing was saved. Your input is still in the form; try again.`,
    );
  }
}

/** More attempts than this means another writer keeps taking our id: give up loudly. */
const MAX_ATTEMPTS = 5;

const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function withdraw(journal: MutationJournal, copy: JournalEntry): Promise<void> {
  const withdrawn: JournalEntry = {
    ...copy,
    localError: { code: NOT_RECORDED, message: 'This change was not saved on this device' },
  };
  // Best effort: if even this fails, the stale copy would be replayed after a
  // restart and decided by the hub (shown as a conflict if refused) — never lost
  // and never applied twice, only possibly applied after the user saw an error.
  await journal.append(withdrawn).catch(() => undefined);
}

/**
 * Another writer (a tab without Web Locks) committed this mutation id first;
 * our journal write may have replaced its copy, so put the committed one back.
 */
async function restoreCommittedCopy(
  db: OutpostDb,
  journal: MutationJournal,
  mutationId: number,
): Promise<void> {
  const [meta, committed] = await Promise.all([readSyncMeta(db), db.outbox.get(mutationId)]);
  if (meta && committed) await journal.append({ ...committed, clientId: meta.clientId });
}

const ticketsOf = (effects: readonly Effect[]): Ticket[] =>
  effects.flatMap((e) => (e.type === 'put' && e.entity === 'ticket' ? [e.value] : []));

export interface JournalledMutateDeps {
  db: OutpostDb;
  journal: MutationJournal;
  actor: Actor;
  now: () => number;
}

/**
 * A local edit that is never only in the main database: its copy is written
 * to the journal BEFORE the Dexie commit, under the mutation id it will
 * have. A tab killed between the two writes leaves a journal entry without
 * an outbox entry, which the replay at the next start puts back (the
 * journal and the hub both key by (clientId, mutationId), so nothing is
 * applied twice). The reverse order would lose the edit if the main
 * database were lost before the journal write.
 *
 * Between the plan and the commit, the ticket rows the edit will write are
 * shown to lists as a preview (derived-sla `preview`), so the edit is on
 * screen within a frame instead of after three IndexedDB commits; an edit
 * that ends uncommitted (refused, failed, id taken) takes its preview back.
 */
export async function journalledMutate(
  deps: JournalledMutateDeps,
  request: MutationRequest,
): Promise<LocalMutationResult> {
  const { db, journal, actor, now } = deps;
  return withWriteLock(db.name, async () => {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const planned = await planLocalMutation(db, request, actor, now());
      if (!planned.ok) return planned;
      const { plan } = planned;
      // Lists show the edit now; the two writes below take a few frames.
      const settle = derivedSlaOf(db)?.preview(ticketsOf(plan.effects));
      let committed = false;
      try {
        const copy: JournalEntry = { ...plan.entry, clientId: plan.clientId };
        try {
          await journal.append(copy);
        } catch (e) {
          throw new JournalWriteError(reasonOf(e));
        }
        let outcome;
        try {
          outcome = await commitPlannedMutation(db, plan, actor);
        } catch (e) {
          await withdraw(journal, copy);
          throw e;
        }
        if (outcome.kind === 'committed') {
          committed = true;
          return { ok: true, entry: plan.entry };
        }
        if (outcome.kind === 'refused') {
          await withdraw(journal, copy);
          return { ok: false, error: outcome.error };
        }
        await restoreCommittedCopy(db, journal, plan.entry.mutationId);
      } finally {
        settle?.(committed);
      }
    }
    throw new Error(
      'This change was not saved: another Outpost window kept writing at the same moment. Try again.',
    );
  });
}
