import { useCallback } from 'react';
import type { DomainError } from '../../../shared/domain/errors';
import { useSyncEngine } from '../../app/db-context';

export type MutateOutcome = { ok: true } | { ok: false; error: DomainError };

/**
 * `engine.mutate` for one screen: version 1 of the named mutation, and an
 * unexpected failure (IndexedDB full, a bug) turned into an error value the
 * screen shows instead of an unhandled rejection that loses the input.
 */
export const useMutate = () => {
  const engine = useSyncEngine();
  return useCallback(
    async (name: string, args: unknown): Promise<MutateOutcome> => {
      try {
        const r = await engine.mutate({ name, version: 1, args });
        return r.ok ? { ok: true } : r;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return {
          ok: false,
          error: { code: 'VALIDATION', message: `Could not save on this device: ${message}` },
        };
      }
    },
    [engine],
  );
};
