import Dexie, { type Table } from 'dexie';

/**
 * The local store: one IndexedDB database per (hub, user), so two people
 * sharing a browser profile, or one person using two hubs, never see each
 * other's records. v1 only holds settings and sync bookkeeping; record tables
 * arrive as later versions with upgrades (SYNC.md "Client store").
 */
export interface SettingRow {
  key: string;
  value: unknown;
}

export interface SyncStateRow {
  key: string;
  value: unknown;
}

export type OutpostDb = Dexie & {
  settings: Table<SettingRow, string>;
  syncState: Table<SyncStateRow, string>;
};

export const outpostDbName = (hubOrigin: string, userId: string): string =>
  `outpost:${hubOrigin}:${userId}`;

export const openOutpostDb = (hubOrigin: string, userId: string): OutpostDb => {
  const db = new Dexie(outpostDbName(hubOrigin, userId)) as OutpostDb;
  db.version(1).stores({ settings: 'key', syncState: 'key' });
  return db;
};
