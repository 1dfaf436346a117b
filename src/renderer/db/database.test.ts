import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openOutpostDb, openOutpostDbByName, outpostDbName } from './database';

describe('openOutpostDb', () => {
  it('keeps one database per hub and user', async () => {
    const a = openOutpostDb('https://hub.example.org', 'user-a');
    const b = openOutpostDb('https://hub.example.org', 'user-b');
    await a.settings.put({ key: 'theme', value: 'light' });
    expect(a.name).toBe(outpostDbName('https://hub.example.org', 'user-a'));
    expect(a.name).toBe('outpost:https://hub.example.org:user-a');
    expect(await b.settings.get('theme')).toBeUndefined();
    expect((await a.settings.get('theme'))?.value).toBe('light');
    a.close();
    b.close();
  });

  it('keeps the tables of the first version as the schema grows', async () => {
    const db = openOutpostDb('https://hub.example.org', 'user-c');
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(1);
    expect(db.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['settings', 'syncState']));
    db.close();
  });

  it('upgrading to v5 gives the open tickets already stored their openState, and only them', async () => {
    const name = `upgrade-${Math.random()}`;
    // A store as v4 left it (the schema of that version, no openState field).
    const old = new Dexie(name);
    old.version(4).stores({ tickets: 'id, type, state, requesterId, updatedAt, slaFp, localSeq' });
    await old.table('tickets').bulkPut([
      { id: 't1', state: 'in_progress' },
      { id: 't2', state: 'closed' },
      { id: 't3', state: 'new' },
    ]);
    old.close();
    const db = openOutpostDbByName(name);
    await db.open();
    expect(db.verno).toBe(6);
    expect((await db.tickets.where('openState').aboveOrEqual('').primaryKeys()).sort()).toEqual([
      't1',
      't3',
    ]);
    expect((await db.tickets.get('t3'))?.openState).toBe('new');
    db.close();
  });
});
