import { create } from 'zustand';

/** Bytes sent of uploads running in this tab (view state: not persisted). */
export interface UploadProgress {
  bySha: Record<string, { loaded: number; total: number }>;
  set(sha256: string, loaded: number, total: number): void;
  done(sha256: string): void;
}

export const useUploadProgress = create<UploadProgress>()((set) => ({
  bySha: {},
  set: (sha256, loaded, total) =>
    set((s) => ({ bySha: { ...s.bySha, [sha256]: { loaded, total } } })),
  done: (sha256) =>
    set((s) => {
      const { [sha256]: _gone, ...rest } = s.bySha;
      return { bySha: rest };
    }),
}));
