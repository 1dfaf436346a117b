import type { QueueRowStore } from './row-store';
import type { QueueRow } from './row-model';
import {
  patchRows,
  rowsToScan,
  selectRows,
  type ViewBase,
  type ViewContext,
  type ViewFilters,
  type ViewSort,
} from './views';

/** Past this many changed rows a full selection is cheaper than patching. */
const PATCH_LIMIT = 500;

/**
 * A view's rows, kept from one store version to the next: selected from
 * every row when the view (base, filters, sort, context) changes or the
 * store cannot say what changed, patched with the changed rows otherwise.
 * A local edit then costs the view's length, not a pass over the store's
 * 100k rows (the largest share of an edit's time until the grid shows it).
 */
export class ViewSelection {
  private last: {
    rows: QueueRow[];
    version: number;
    inputs: readonly unknown[];
  } | null = null;

  rows(
    store: QueueRowStore,
    version: number,
    base: ViewBase,
    filters: ViewFilters,
    sort: ViewSort,
    ctx: ViewContext,
  ): QueueRow[] {
    const inputs = [store, base, filters, sort, ctx.actor, ctx.now, ctx.nameOf];
    const last = this.last;
    const same = last !== null && inputs.every((v, i) => Object.is(v, last.inputs[i]));
    const changed = same ? store.changedSince(last.version) : null;
    const rows =
      last !== null && changed !== null && changed.size <= PATCH_LIMIT
        ? patchRows(last.rows, changed, store.rows, base, filters, sort, ctx)
        : selectRows(rowsToScan(store, base, filters.openOnly), base, filters, sort, ctx);
    this.last = { rows, version, inputs };
    return rows;
  }
}
