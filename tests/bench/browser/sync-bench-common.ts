import Dexie from 'dexie';
import { API_PREFIX, sessionSchema } from '../../../src/shared/api/accounts';
import type { Actor } from '../../../src/shared/domain/actor';

/** Helpers shared by the benchmark pages' phases (they run in Chromium). */

let signedIn: Actor | null = null;

/** Signs in with the session cookie, as the web app does. */
export async function login(username: string, password: string): Promise<Actor> {
  const res = await fetch(`${API_PREFIX}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    credentials: 'same-origin',
  });
  if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  const { user } = sessionSchema.parse(await res.json());
  signedIn = { userId: user.id, roles: user.roles, queueIds: user.queueIds };
  return signedIn;
}

export function actor(): Actor {
  if (!signedIn) throw new Error('sign in first (window.syncBench.login)');
  return signedIn;
}

interface MemoryInfo {
  usedJSHeapSize: number;
}

/** Chromium's JS heap in use (precise with --enable-precise-memory-info). */
const usedHeap = (): number =>
  (performance as unknown as { memory?: MemoryInfo }).memory?.usedJSHeapSize ?? 0;

/**
 * The peak JS heap while a phase runs: sampled on a 25 ms timer (it fires
 * whenever the page waits on IndexedDB or the network) and on progress calls.
 */
export function heapPeak() {
  let peak = usedHeap();
  const sample = () => {
    peak = Math.max(peak, usedHeap());
  };
  const timer = setInterval(sample, 25);
  return {
    sample,
    stopMb(): number {
      clearInterval(timer);
      sample();
      return peak / 1024 / 1024;
    },
  };
}

/** Splits a byte stream into lines (the same approach as the sync transport). */
export async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let nl = buffered.indexOf('\n');
    while (nl >= 0) {
      yield buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      nl = buffered.indexOf('\n');
    }
  }
  buffered += decoder.decode();
  if (buffered) yield buffered;
}

/** Deletes an IndexedDB database (and waits until it is gone). */
export async function deleteDatabase(name: string): Promise<void> {
  await Dexie.delete(name);
}

export const requestDone = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });

export const transactionDone = (tx: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
