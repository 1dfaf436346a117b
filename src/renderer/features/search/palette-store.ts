import { create } from 'zustand';

/** Whether the command palette is open (view state only). */
interface PaletteState {
  opened: boolean;
  open: () => void;
  close: () => void;
  toggle: () => void;
}

export const usePalette = create<PaletteState>((set) => ({
  opened: false,
  open: () => set({ opened: true }),
  close: () => set({ opened: false }),
  toggle: () => set((s) => ({ opened: !s.opened })),
}));
