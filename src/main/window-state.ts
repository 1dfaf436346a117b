import { z } from 'zod';
import type { Rectangle } from 'electron';
import { readJsonFile, writeJsonFileAtomic, type JsonRead } from './json-file';
import type { Log } from './log';

/** Where the main window was, so it reopens where the user left it. */
export const windowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export interface WindowStateStore {
  load(): Promise<WindowState | null>;
  save(state: WindowState): Promise<void>;
}

export interface WindowStateDeps {
  file: string;
  log: Log;
  read?: (path: string) => Promise<JsonRead>;
  write?: (path: string, value: unknown) => Promise<void>;
}

export const createWindowStateStore = ({
  file,
  log,
  read = readJsonFile,
  write = writeJsonFileAtomic,
}: WindowStateDeps): WindowStateStore => ({
  load: async () => {
    const result = await read(file);
    if (result.kind !== 'ok') return null;
    const parsed = windowStateSchema.safeParse(result.value);
    return parsed.success ? parsed.data : null;
  },
  save: async (state) => {
    try {
      await write(file, state);
    } catch (e) {
      // Losing the window position is not worth an error dialog.
      log.warn('window state not saved', { reason: e instanceof Error ? e.message : String(e) });
    }
  },
});

/**
 * A saved position is used only if enough of the window lands on a display
 * that exists now: after unplugging a monitor the window must not open
 * off-screen where the user cannot reach it.
 */
export const isVisibleOn = (bounds: Rectangle, workAreas: readonly Rectangle[]): boolean =>
  workAreas.some((area) => {
    const w = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
    const h = Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y);
    return w >= 100 && h >= 50;
  });
