import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { newId } from '../../../src/shared/ids';
import { readBootstrap, type HubSession } from './hub-client';
import { spawnPouchServer } from './processes';
import { CACHE_ROOT } from './seed-cache';

/** The pouchdb-server database the browser replicates from. */
export const POUCH_DB = 'outpost';

/**
 * A pouchdb-server data dir holding the same records a hub's bootstrap sends
 * (one document per row, `_id` = "entity:id"), loaded once per seeded hub and
 * kept beside it in the cache. Returns the dir and its document count.
 */
export async function pouchDataDir(
  hubDir: string,
  hubUrl: string,
  session: HubSession,
  log: (m: string) => void,
): Promise<{ dir: string; docs: number }> {
  const dir = join(CACHE_ROOT, `pouch-${basename(hubDir)}`);
  const marker = join(dir, 'loaded.json');
  if (existsSync(marker)) {
    return { dir, docs: (JSON.parse(await readFile(marker, 'utf8')) as { docs: number }).docs };
  }
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  log(`loading the hub's records into pouchdb-server (once) at ${dir}`);
  const server = await spawnPouchServer({ dbDir: partial, corsOrigin: 'http://127.0.0.1' });
  let docs = 0;
  try {
    const db = `${server.url}/${POUCH_DB}`;
    const created = await fetch(db, { method: 'PUT' });
    if (!created.ok) throw new Error(`create ${POUCH_DB}: ${created.status}`);
    let batch: Record<string, unknown>[] = [];
    const send = async () => {
      if (batch.length === 0) return;
      const body = JSON.stringify({ docs: batch });
      batch = [];
      const res = await fetch(`${db}/_bulk_docs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const out = (await res.json()) as { error?: string }[];
      const failed = out.filter((r) => r.error);
      if (!res.ok || failed.length) {
        throw new Error(`_bulk_docs: ${res.status} ${JSON.stringify(failed.slice(0, 3))}`);
      }
    };
    const started = Date.now();
    await readBootstrap(hubUrl, session, newId(), async (entity, rows) => {
      for (const r of rows) {
        batch.push({ ...r, _id: `${entity}:${typeof r.id === 'string' ? r.id : 'domain'}` });
      }
      docs += rows.length;
      if (batch.length >= 2000) await send();
      if (docs % 50_000 < rows.length) {
        log(`  ${docs} documents (${Math.round(docs / ((Date.now() - started) / 1000))}/s)`);
      }
    });
    await send();
  } finally {
    await server.stop();
  }
  await writeFile(join(partial, 'loaded.json'), JSON.stringify({ docs }));
  await rename(partial, dir);
  return { dir, docs };
}
