import { describe, expect, it } from 'vitest';
import { openOutpostDb, outpostDbName } from './database';

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
});
