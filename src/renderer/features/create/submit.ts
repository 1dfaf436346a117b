import { ticketById } from '../../db/ticket-packs';
import { useCallback, useEffect } from 'react';
import type { DomainError } from '../../../shared/domain/errors';
import { useOutpostDb, useSyncEngine } from '../../app/db-context';
import { labelMessage } from '../../ui/form-errors';

export type Errors = Record<string, string>;

/**
 * `engine.mutate` for a create, with an unexpected failure (storage full, a
 * bug) turned into an error value the form shows, never a rejection that
 * loses input. A failure reported after the write committed (seen from the
 * journal step under load) must not make the user submit twice: the new
 * ticket's client-made id tells whether it was recorded.
 */
export const useCreateMutation = () => {
  const engine = useSyncEngine();
  const db = useOutpostDb();
  return useCallback(
    async (
      name: string,
      args: { id: string },
    ): Promise<{ ok: true } | { ok: false; error: DomainError }> => {
      try {
        const r = await engine.mutate({ name, version: 1, args });
        return r.ok ? { ok: true } : r;
      } catch (e) {
        const recorded = await ticketById(db, args.id).catch(() => undefined);
        if (recorded) return { ok: true };
        return {
          ok: false,
          error: {
            code: 'VALIDATION',
            message: `Could not save on this device: ${e instanceof Error ? e.message : String(e)}`,
          },
        };
      }
    },
    [engine, db],
  );
};

/**
 * Places a refused create's message next to the field it names
 * ("requestFields.neededBy" → that catalogue field), or above the form
 * (key `form`) when it names none the form shows.
 */
export const errorsFromDomain = (error: DomainError, labels: Record<string, string>): Errors => {
  const field = error.field;
  if (field && field in labels)
    return { [field]: labelMessage(error.message, field, labels[field]!) };
  return { form: error.message };
};

/** After a refused submit, the first field in error gets the focus (and the screen reader's attention). */
export const useFocusFirstError = (errors: Errors, container: string) => {
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    const el = document.querySelector<HTMLElement>(`${container} [aria-invalid="true"]`);
    el?.focus();
  }, [errors, container]);
};
