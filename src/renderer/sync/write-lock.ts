/**
 * Serialises the steps that hand out mutation ids (a local edit: journal,
 * then commit; and the journal replay at start-up) across every tab of one
 * database. Two tabs that both journalled "mutation 7" with different
 * content would leave the journal with the wrong copy of one of them.
 * Web Locks cover all tabs of a profile; where they are missing (Node
 * tests, old browsers) a queue per name covers this tab.
 */
const queues = new Map<string, Promise<unknown>>();

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

const webLocks = (): LockManagerLike | null => {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : null;
};

export function withWriteLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const key = `outpost-write:${name}`;
  const locks = webLocks();
  if (locks) return locks.request(key, task);
  const next = (queues.get(key) ?? Promise.resolve()).then(task, task);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  // Forget the queue once it is idle, so closed databases leave nothing behind.
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}
