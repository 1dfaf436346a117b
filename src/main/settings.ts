import {
  builtInSettings,
  settingKeys,
  settingsValuesSchema,
  type SettingKey,
  type SettingsSnapshot,
  type SettingsValues,
} from '../shared/ipc/settings';
import type { IpcReply } from '../shared/ipc/errors';
import { preserveCorruptFile, readJsonFile, writeJsonFileAtomic, type JsonRead } from './json-file';
import type { Log } from './log';
import type { Policy } from './policy';

/**
 * The user's own settings (`settings.json` in userData), layered with the
 * policy: enforced > user > policy defaults > built-in. A damaged file never
 * stops the app: it starts on the other layers, keeps a copy of the damaged
 * file and says so on the Settings screen.
 */
export interface SettingsStore {
  snapshot(): SettingsSnapshot;
  get<K extends SettingKey>(key: K): SettingsValues[K];
  set<K extends SettingKey>(key: K, value: SettingsValues[K]): Promise<IpcReply<null>>;
  /** Called after a successful change with the new effective values. */
  onChange(listener: (values: SettingsValues) => void): () => void;
}

export interface SettingsDeps {
  file: string;
  policy: Policy;
  log: Log;
  read?: (path: string) => Promise<JsonRead>;
  write?: (path: string, value: unknown) => Promise<void>;
  /** Found at start-up outside the settings (an unwritable data folder); shown first. */
  problems?: readonly string[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isSettingKey = (k: string): k is SettingKey => (settingKeys as readonly string[]).includes(k);

/** Settings only the policy file may give (SECURITY.md: no update feed unless policy configures one). */
const POLICY_ONLY: ReadonlySet<SettingKey> = new Set(['updateFeed']);

interface UserLayer {
  values: Partial<SettingsValues>;
  /** Keys this version does not know (written by a newer one); kept on rewrite. */
  unknown: Record<string, unknown>;
  problems: string[];
}

const parseUserLayer = (file: string, value: unknown): UserLayer => {
  const layer: UserLayer = { values: {}, unknown: {}, problems: [] };
  if (!isPlainObject(value)) {
    layer.problems.push(`${file} does not hold an object; your settings were reset`);
    return layer;
  }
  for (const [key, raw] of Object.entries(value)) {
    if (!isSettingKey(key)) {
      layer.unknown[key] = raw;
      continue;
    }
    if (POLICY_ONLY.has(key)) {
      // Kept on rewrite but not used: an update feed decides what code this app runs.
      layer.unknown[key] = raw;
      if (raw !== null) {
        layer.problems.push(
          `Your setting ${key} is not used: only your organisation's policy file can name an update feed`,
        );
      }
      continue;
    }
    const parsed = settingsValuesSchema.shape[key].safeParse(raw);
    if (parsed.success) {
      (layer.values as Record<SettingKey, unknown>)[key] = parsed.data;
    } else {
      const reason = parsed.error.issues.map((i) => i.message).join('; ');
      layer.problems.push(`Your setting ${key} was invalid (${reason}) and is not used`);
    }
  }
  return layer;
};

const loadUserLayer = async (
  file: string,
  read: (path: string) => Promise<JsonRead>,
  log: Log,
): Promise<UserLayer> => {
  const result = await read(file);
  if (result.kind === 'missing') return { values: {}, unknown: {}, problems: [] };
  if (result.kind === 'ok') return parseUserLayer(file, result.value);
  const backup = await preserveCorruptFile(file);
  const problem =
    `Your settings file could not be read (${result.problem}); Outpost started with default settings` +
    (backup ? `. A copy of the damaged file was kept at ${backup}` : '');
  log.warn('settings file unreadable', { file, problem: result.problem, backup });
  return { values: {}, unknown: {}, problems: [problem] };
};

export const createSettingsStore = async ({
  file,
  policy,
  log,
  read = readJsonFile,
  write = writeJsonFileAtomic,
  problems = [],
}: SettingsDeps): Promise<SettingsStore> => {
  const user = await loadUserLayer(file, read, log);
  for (const problem of user.problems) log.warn('settings problem', { problem });
  const listeners = new Set<(values: SettingsValues) => void>();

  const effective = (): SettingsValues => ({
    ...builtInSettings,
    ...policy.defaults,
    ...user.values,
    ...policy.enforced,
  });

  return {
    snapshot: () => ({
      values: effective(),
      locked: settingKeys.filter((k) => k in policy.enforced),
      problems: [...problems, ...policy.problems, ...user.problems],
    }),
    get: (key) => effective()[key],
    set: async (key, value) => {
      if (key in policy.enforced) {
        return {
          ok: false,
          error: {
            code: 'POLICY_LOCKED',
            message: `${key} is set by your organisation's policy (${policy.path}) and cannot be changed here`,
          },
        };
      }
      const nextValues = { ...user.values, [key]: value };
      try {
        await write(file, { ...user.unknown, ...nextValues });
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        log.error('settings write failed', { file, key, reason });
        return {
          ok: false,
          error: {
            code: 'SETTINGS_WRITE_FAILED',
            message: `Could not save ${key} to ${file}: ${reason}`,
          },
        };
      }
      user.values = nextValues;
      const values = effective();
      for (const listener of listeners) listener(values);
      return { ok: true, value: null };
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
