import { useCallback, useEffect, useState } from 'react';
import type { Queue, User } from '../../../shared/domain/accounts';
import type { ApiError } from '../../api/errors';
import { useServices } from '../../app/services';

/**
 * Users and queues as the hub has them right now. Administration is done
 * online against the hub (it is the authority on accounts), so this is a
 * plain fetch rather than a local-store query.
 */
export type Directory = { users: User[]; queues: Queue[] };
export type DirectoryState =
  | { status: 'loading' }
  | { status: 'ready'; data: Directory }
  | { status: 'error'; error: ApiError };

const byName =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a).localeCompare(key(b), undefined, { sensitivity: 'base' });

export const useDirectory = () => {
  const { accounts } = useServices();
  const [state, setState] = useState<DirectoryState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    void Promise.all([accounts.listUsers(), accounts.listQueues()]).then(([u, q]) => {
      if (!live) return;
      if (!u.ok) setState({ status: 'error', error: u.error });
      else if (!q.ok) setState({ status: 'error', error: q.error });
      else {
        setState({
          status: 'ready',
          data: {
            users: [...u.value.users].sort(byName((x) => x.displayName)),
            queues: [...q.value.queues].sort(byName((x) => x.name)),
          },
        });
      }
    });
    return () => {
      live = false;
    };
  }, [accounts, generation]);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setGeneration((g) => g + 1);
  }, []);

  /** Puts a user the hub just returned in place (or adds it) without a reload. */
  const putUser = useCallback((user: User) => {
    setState((s) => {
      if (s.status !== 'ready') return s;
      const others = s.data.users.filter((u) => u.id !== user.id);
      const users = [...others, user].sort(byName((x) => x.displayName));
      return { status: 'ready', data: { ...s.data, users } };
    });
  }, []);

  const putQueue = useCallback((queue: Queue) => {
    setState((s) => {
      if (s.status !== 'ready') return s;
      const others = s.data.queues.filter((q) => q.id !== queue.id);
      const queues = [...others, queue].sort(byName((x) => x.name));
      return { status: 'ready', data: { ...s.data, queues } };
    });
  }, []);

  return { state, reload, putUser, putQueue };
};
