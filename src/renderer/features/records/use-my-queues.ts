import { useEffect, useState } from 'react';
import type { Queue } from '../../../shared/domain/accounts';
import { useServices } from '../../app/services';

/**
 * Names of the queues the user belongs to, from the hub. Until queues are
 * synced into the local store this needs the hub; offline it yields null and
 * the page simply leaves the line out.
 */
export const useMyQueues = (queueIds: readonly string[]): Queue[] | null => {
  const { accounts } = useServices();
  const [queues, setQueues] = useState<Queue[] | null>(null);
  const key = queueIds.join(',');
  useEffect(() => {
    if (key === '') return;
    let live = true;
    void accounts.myQueues().then((r) => {
      if (live && r.ok) setQueues(r.value.queues.filter((q) => key.split(',').includes(q.id)));
    });
    return () => {
      live = false;
    };
  }, [accounts, key]);
  return key === '' ? [] : queues;
};
