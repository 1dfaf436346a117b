import { z } from 'zod';
import { newId } from '../../../shared/ids';
import type { OutpostDb } from '../../db/database';
import {
  viewBaseSchema,
  viewFiltersSchema,
  viewSortSchema,
  type ViewBase,
  type ViewFilters,
  type ViewSort,
} from './views';

/**
 * Saved views: a name, a base view, filters and a sort, kept on this device
 * in the signed-in user's own local store (the `settings` table; each user
 * has a database of their own). They are personal working lists, not shared
 * records, so they do not sync.
 */
export const SAVED_VIEWS_KEY = 'queues.savedViews';
export const MAX_SAVED_VIEWS = 50;

export const viewNameSchema = z
  .string({ error: 'name must be text' })
  .trim()
  .min(1, { error: 'Give the view a name' })
  .max(60, { error: 'A view name may be at most 60 characters' });

export const savedViewSchema = z.object({
  id: z.string().min(1),
  name: viewNameSchema,
  base: viewBaseSchema,
  filters: viewFiltersSchema,
  sort: viewSortSchema,
  createdAt: z.number(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

export type SavedViewError = {
  code: 'INVALID_NAME' | 'DUPLICATE_NAME' | 'TOO_MANY' | 'NOT_FOUND';
  message: string;
};
export type SavedViewResult = { ok: true; view: SavedView } | { ok: false; error: SavedViewError };

/** Reads the list; an entry that no longer parses (older app version) is left out, not fatal. */
export const parseSavedViews = (value: unknown): SavedView[] =>
  Array.isArray(value)
    ? value.flatMap((v) => {
        const r = savedViewSchema.safeParse(v);
        return r.success ? [r.data] : [];
      })
    : [];

export const loadSavedViews = async (db: OutpostDb): Promise<SavedView[]> =>
  parseSavedViews((await db.settings.get(SAVED_VIEWS_KEY))?.value);

const checkName = (
  views: readonly SavedView[],
  raw: string,
  exceptId: string | null,
): { ok: true; name: string } | { ok: false; error: SavedViewError } => {
  const parsed = viewNameSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, error: { code: 'INVALID_NAME', message: parsed.error.issues[0]!.message } };
  }
  const name = parsed.data;
  const clash = views.find(
    (v) => v.id !== exceptId && v.name.toLocaleLowerCase() === name.toLocaleLowerCase(),
  );
  if (clash) {
    return {
      ok: false,
      error: { code: 'DUPLICATE_NAME', message: `You already have a view called “${clash.name}”` },
    };
  }
  return { ok: true, name };
};

/** Read-modify-write in one transaction, so two tabs saving at once both keep their view. */
const change = (
  db: OutpostDb,
  edit: (views: SavedView[]) => SavedViewResult,
): Promise<SavedViewResult> =>
  db.transaction('rw', db.settings, async () => {
    const views = await loadSavedViews(db);
    const result = edit(views);
    if (result.ok) {
      const next = views.some((v) => v.id === result.view.id)
        ? views.map((v) => (v.id === result.view.id ? result.view : v))
        : [...views, result.view];
      await db.settings.put({ key: SAVED_VIEWS_KEY, value: next });
    }
    return result;
  });

export const createSavedView = (
  db: OutpostDb,
  input: { name: string; base: ViewBase; filters: ViewFilters; sort: ViewSort },
  now: number,
): Promise<SavedViewResult> =>
  change(db, (views) => {
    if (views.length >= MAX_SAVED_VIEWS) {
      return {
        ok: false,
        error: {
          code: 'TOO_MANY',
          message: `You can keep at most ${MAX_SAVED_VIEWS} saved views; delete one first`,
        },
      };
    }
    const name = checkName(views, input.name, null);
    if (!name.ok) return name;
    return {
      ok: true,
      view: {
        id: newId(),
        name: name.name,
        base: input.base,
        filters: input.filters,
        sort: input.sort,
        createdAt: now,
      },
    };
  });

export const updateSavedView = (
  db: OutpostDb,
  id: string,
  patch: Partial<Pick<SavedView, 'name' | 'filters' | 'sort'>>,
): Promise<SavedViewResult> =>
  change(db, (views) => {
    const view = views.find((v) => v.id === id);
    if (!view)
      return {
        ok: false,
        error: { code: 'NOT_FOUND', message: 'This saved view no longer exists' },
      };
    let name = view.name;
    if (patch.name !== undefined) {
      const checked = checkName(views, patch.name, id);
      if (!checked.ok) return checked;
      name = checked.name;
    }
    return { ok: true, view: { ...view, ...patch, name } };
  });

export const deleteSavedView = (db: OutpostDb, id: string): Promise<void> =>
  db.transaction('rw', db.settings, async () => {
    const views = await loadSavedViews(db);
    await db.settings.put({ key: SAVED_VIEWS_KEY, value: views.filter((v) => v.id !== id) });
  });
