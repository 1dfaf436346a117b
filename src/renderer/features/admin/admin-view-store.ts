import { create } from 'zustand';

/** View state of the admin pages (filters survive switching between pages). */
export interface AdminViewState {
  userFilter: string;
  showDisabledUsers: boolean;
  showDisabledQueues: boolean;
  setUserFilter(filter: string): void;
  setShowDisabledUsers(show: boolean): void;
  setShowDisabledQueues(show: boolean): void;
}

export const useAdminView = create<AdminViewState>()((set) => ({
  userFilter: '',
  showDisabledUsers: true,
  showDisabledQueues: true,
  setUserFilter: (userFilter) => set({ userFilter }),
  setShowDisabledUsers: (showDisabledUsers) => set({ showDisabledUsers }),
  setShowDisabledQueues: (showDisabledQueues) => set({ showDisabledQueues }),
}));
