import { create } from 'zustand';
import { defaultSort, emptyFilters, type ViewFilters, type ViewSort } from './views';

/**
 * What the user did to each view in this session (view state only, no
 * records): filters, sort and the selected row, so going to a ticket and
 * back lands where they left off.
 */
export interface ViewState {
  filters: ViewFilters;
  sort: ViewSort;
  selectedId: string | null;
}

/** Where each view's list was scrolled: kept outside React state, a scroll must not re-render. */
export const scrollPositions = new Map<string, number>();

interface ViewStates {
  views: Record<string, ViewState>;
  patch(key: string, patch: Partial<ViewState>, initial?: ViewState): void;
}

export const initialViewState = (
  filters: ViewFilters = emptyFilters,
  sort: ViewSort = defaultSort,
): ViewState => ({ filters, sort, selectedId: null });

export const useViewStates = create<ViewStates>()((set) => ({
  views: {},
  patch: (key, patch, initial) =>
    set((s) => ({
      views: {
        ...s.views,
        [key]: { ...(s.views[key] ?? initial ?? initialViewState()), ...patch },
      },
    })),
}));
