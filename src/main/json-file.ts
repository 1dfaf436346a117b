import { mkdir, readFile, rename, writeFile, copyFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Outcome of reading a JSON file the app owns (settings, window state, tokens). */
export type JsonRead =
  { kind: 'missing' } | { kind: 'ok'; value: unknown } | { kind: 'unreadable'; problem: string };

const isMissing = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'code' in e && e.code === 'ENOENT';

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Reads and parses a JSON file; never throws, so a corrupt file cannot stop start-up. */
export const readJsonFile = async (path: string): Promise<JsonRead> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (isMissing(e)) return { kind: 'missing' };
    return { kind: 'unreadable', problem: `cannot read ${path}: ${describe(e)}` };
  }
  try {
    // A BOM is common when administrators save policy files with Notepad.
    return { kind: 'ok', value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (e) {
    return { kind: 'unreadable', problem: `${path} is not valid JSON: ${describe(e)}` };
  }
};

/**
 * Writes through a temporary file and a rename so a crash or power cut
 * mid-write leaves either the old or the new file, never half of one.
 * Mode 0600: these files are the user's own (tokens are encrypted anyway).
 */
export const writeJsonFileAtomic = async (path: string, value: unknown): Promise<void> => {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
};

/** Keeps a copy of a file we are about to ignore, so the user's data is never lost. */
export const preserveCorruptFile = async (path: string): Promise<string | null> => {
  const backup = `${path}.corrupt`;
  try {
    await copyFile(path, backup);
    return backup;
  } catch {
    return null;
  }
};
