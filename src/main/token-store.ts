import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { readJsonFile, writeJsonFileAtomic, type JsonRead } from './json-file';
import type { Log } from './log';

/**
 * Hub session tokens, one per hub origin, encrypted with Electron's
 * safeStorage (DPAPI on Windows, Keychain on macOS, libsecret/KWallet on
 * Linux). The file holds one ciphertext, so not even the list of hubs is
 * readable without the user's OS credentials. When no real encryption is
 * available the store refuses to write rather than fall back to plaintext.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; 'basic_text' means a hard-coded key, i.e. no protection. */
  getSelectedStorageBackend?(): string;
}

export type TokenSaveResult =
  { ok: true } | { ok: false; code: 'ENCRYPTION_UNAVAILABLE' | 'WRITE_FAILED'; message: string };

export interface TokenStore {
  load(origin: string): Promise<string | null>;
  save(origin: string, token: string, expiresAt: number): Promise<TokenSaveResult>;
  clear(origin: string): Promise<void>;
}

export interface TokenStoreDeps {
  file: string;
  safeStorage: SafeStorageLike;
  now: () => number;
  log: Log;
  read?: (path: string) => Promise<JsonRead>;
  write?: (path: string, value: unknown) => Promise<void>;
}

const fileSchema = z.object({ version: z.literal(1), ciphertext: z.string().min(1) });
const entriesSchema = z.record(
  z.string(),
  z.object({ token: z.string().min(1), expiresAt: z.number() }),
);
type Entries = z.infer<typeof entriesSchema>;

export const UNAVAILABLE_MESSAGE =
  'This computer offers no secure credential storage to Outpost, so your sign-in is kept only until ' +
  'the app closes. On Linux, install and unlock a keyring (GNOME Keyring or KWallet) to stay signed in.';

export const encryptionAvailable = (safeStorage: SafeStorageLike): boolean =>
  safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text';

export const createTokenStore = ({
  file,
  safeStorage,
  now,
  log,
  read = readJsonFile,
  write = writeJsonFileAtomic,
}: TokenStoreDeps): TokenStore => {
  // Serialise file access so a logout racing a login cannot resurrect a token.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  const readEntries = async (): Promise<Entries> => {
    const result = await read(file);
    if (result.kind === 'missing') return {};
    if (result.kind === 'unreadable') {
      log.warn('token file unreadable; signing in again will replace it', {
        problem: result.problem,
      });
      return {};
    }
    const parsed = fileSchema.safeParse(result.value);
    if (!parsed.success) {
      log.warn('token file has an unknown shape; signing in again will replace it', { file });
      return {};
    }
    try {
      const plain = safeStorage.decryptString(Buffer.from(parsed.data.ciphertext, 'base64'));
      return entriesSchema.parse(JSON.parse(plain));
    } catch (e) {
      // Typical after copying a profile to another machine or OS account.
      log.warn('token file cannot be decrypted; signing in again will replace it', {
        reason: e instanceof Error ? e.message : String(e),
      });
      return {};
    }
  };

  const writeEntries = async (entries: Entries): Promise<void> => {
    if (Object.keys(entries).length === 0) {
      await rm(file, { force: true });
      return;
    }
    const ciphertext = safeStorage.encryptString(JSON.stringify(entries)).toString('base64');
    await write(file, { version: 1, ciphertext });
  };

  const dropExpired = (entries: Entries): Entries =>
    Object.fromEntries(Object.entries(entries).filter(([, e]) => e.expiresAt > now()));

  return {
    load: (origin) =>
      serial(async () => {
        if (!encryptionAvailable(safeStorage)) return null;
        const entry = (await readEntries())[origin];
        return entry && entry.expiresAt > now() ? entry.token : null;
      }),
    save: (origin, token, expiresAt) =>
      serial(async (): Promise<TokenSaveResult> => {
        if (!encryptionAvailable(safeStorage)) {
          log.warn('token not persisted: no secure storage', { origin });
          return { ok: false, code: 'ENCRYPTION_UNAVAILABLE', message: UNAVAILABLE_MESSAGE };
        }
        try {
          const entries = dropExpired(await readEntries());
          await writeEntries({ ...entries, [origin]: { token, expiresAt } });
          return { ok: true };
        } catch (e) {
          const reason = e instanceof Error ? e.message : String(e);
          log.error('token not persisted: write failed', { origin, reason });
          return {
            ok: false,
            code: 'WRITE_FAILED',
            message: `Could not save your sign-in: ${reason}`,
          };
        }
      }),
    clear: (origin) =>
      serial(async () => {
        if (!encryptionAvailable(safeStorage)) {
          // Cannot rewrite without the key, and a signed-out user expects no
          // token on disk: remove the whole file (other hubs ask to sign in again).
          await rm(file, { force: true });
          return;
        }
        const entries = dropExpired(await readEntries());
        delete entries[origin];
        await writeEntries(entries);
      }),
  };
};
