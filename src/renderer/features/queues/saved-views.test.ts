import { afterEach, describe, expect, it } from 'vitest';
import type { OutpostDb } from '../../db/database';
import {
  createSavedView,
  deleteSavedView,
  loadSavedViews,
  SAVED_VIEWS_KEY,
  updateSavedView,
} from './saved-views';
import { storeWith, T0 } from './testing';
import { emptyFilters, type ViewSort } from './views';

const open: OutpostDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));
const store = async () => {
  const db = await storeWith([]);
  open.push(db);
  return db;
};
const p1s = { ...emptyFilters, priorities: [1 as const] };
const byUpdated: ViewSort = { key: 'updated', dir: 'desc' };

describe('saved views', () => {
  it('keeps name, base view, filters and sort, and reads them back', async () => {
    const db = await store();
    const r = await createSavedView(
      db,
      {
        name: '  P1s in my queue ',
        base: { kind: 'queue', queueId: 'q1' },
        filters: p1s,
        sort: byUpdated,
      },
      T0,
    );
    expect(r.ok).toBe(true);
    const [view] = await loadSavedViews(db);
    expect(view).toMatchObject({
      name: 'P1s in my queue',
      base: { kind: 'queue', queueId: 'q1' },
      filters: { priorities: [1] },
      sort: byUpdated,
    });
  });

  it('refuses an empty name and a name already used, saying which', async () => {
    const db = await store();
    const input = { base: { kind: 'mine' } as const, filters: emptyFilters, sort: byUpdated };
    expect(await createSavedView(db, { ...input, name: '   ' }, T0)).toEqual({
      ok: false,
      error: { code: 'INVALID_NAME', message: 'Give the view a name' },
    });
    await createSavedView(db, { ...input, name: 'Mine by age' }, T0);
    const again = await createSavedView(db, { ...input, name: 'MINE BY AGE' }, T0);
    expect(again.ok ? null : again.error.message).toBe(
      'You already have a view called “Mine by age”',
    );
    expect(await loadSavedViews(db)).toHaveLength(1);
  });

  it('updates filters or the name, and deletes', async () => {
    const db = await store();
    const input = { base: { kind: 'mine' } as const, filters: emptyFilters, sort: byUpdated };
    const a = await createSavedView(db, { ...input, name: 'A' }, T0);
    const b = await createSavedView(db, { ...input, name: 'B' }, T0);
    if (!a.ok || !b.ok) throw new Error('setup');
    expect((await updateSavedView(db, a.view.id, { filters: p1s })).ok).toBe(true);
    const clash = await updateSavedView(db, a.view.id, { name: 'b' });
    expect(clash.ok ? null : clash.error.code).toBe('DUPLICATE_NAME');
    expect((await updateSavedView(db, a.view.id, { name: 'A renamed' })).ok).toBe(true);
    expect((await loadSavedViews(db)).map((v) => [v.name, v.filters.priorities])).toEqual([
      ['A renamed', [1]],
      ['B', []],
    ]);
    await deleteSavedView(db, a.view.id);
    expect((await loadSavedViews(db)).map((v) => v.name)).toEqual(['B']);
    const gone = await updateSavedView(db, a.view.id, { name: 'X' });
    expect(gone.ok ? null : gone.error.code).toBe('NOT_FOUND');
  });

  it('are per user: each user has a store of their own', async () => {
    const mine = await store();
    const theirs = await store();
    await createSavedView(
      mine,
      { name: 'Mine', base: { kind: 'mine' }, filters: emptyFilters, sort: byUpdated },
      T0,
    );
    expect(await loadSavedViews(theirs)).toEqual([]);
  });

  it('skips a damaged entry instead of losing the others', async () => {
    const db = await store();
    await createSavedView(
      db,
      { name: 'Good', base: { kind: 'mine' }, filters: emptyFilters, sort: byUpdated },
      T0,
    );
    const row = await db.settings.get(SAVED_VIEWS_KEY);
    await db.settings.put({
      key: SAVED_VIEWS_KEY,
      value: [...(row!.value as unknown[]), { name: 42 }],
    });
    expect((await loadSavedViews(db)).map((v) => v.name)).toEqual(['Good']);
  });
});
