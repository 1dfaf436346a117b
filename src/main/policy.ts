import { posix, win32 } from 'node:path';
import {
  settingKeys,
  settingsValuesSchema,
  type SettingKey,
  type SettingsValues,
} from '../shared/ipc/settings';
import { readJsonFile, type JsonRead } from './json-file';
import type { Log } from './log';

/**
 * The organisation's policy file (SECURITY.md "Locked-down workstations"):
 * `{ "defaults": {...}, "enforced": {...} }`. Administrators deploy it to a
 * machine-wide location users cannot write; there is deliberately no
 * environment variable to point elsewhere, since a user could set one to
 * escape enforced values.
 */
export interface Policy {
  path: string;
  defaults: Partial<SettingsValues>;
  enforced: Partial<SettingsValues>;
  /** Problems for the Settings screen, each naming the file and the field. */
  problems: string[];
}

/**
 * What a broken policy enforces instead of nothing: an administrator who
 * deployed a policy file meant to restrict the app, so an unreadable
 * permission falls back to "not allowed" rather than to the permissive
 * built-in default.
 */
export const failClosed: Partial<SettingsValues> = {
  hostModeAllowed: false,
  lanSharingAllowed: false,
  telemetry: false,
};

/**
 * What an enforced value that fails validation locks its setting to. The
 * administrator meant to fix this setting, so it stays locked, on the value
 * that lets the user do least until the file is fixed: no hub rather than
 * one of the user's choosing, no updates rather than an unchecked feed.
 */
const failClosedField: { [K in SettingKey]: { value: SettingsValues[K]; effect: string } } = {
  hostModeAllowed: { value: false, effect: 'it is treated as false' },
  lanSharingAllowed: { value: false, effect: 'it is treated as false' },
  telemetry: { value: false, effect: 'it is treated as false' },
  hubUrl: {
    value: null,
    effect: 'no hub is configured until the policy file is fixed (ask your IT department)',
  },
  updateFeed: { value: null, effect: 'automatic updates are off until the policy file is fixed' },
  proxy: {
    value: { mode: 'system' },
    effect: "the system's proxy settings are used until the policy file is fixed",
  },
};

export const policyPathFor = (
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): string => {
  if (platform === 'win32') {
    return win32.join(env['ProgramData'] ?? 'C:\\ProgramData', 'Outpost', 'policy.json');
  }
  if (platform === 'darwin') {
    return posix.join('/Library/Application Support/Outpost', 'policy.json');
  }
  return '/etc/outpost/policy.json';
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isSettingKey = (k: string): k is SettingKey => (settingKeys as readonly string[]).includes(k);

const setValue = <K extends SettingKey>(
  target: Partial<SettingsValues>,
  key: K,
  value: SettingsValues[K],
): void => {
  target[key] = value;
};

const parseSection = (
  path: string,
  section: 'defaults' | 'enforced',
  raw: unknown,
  problems: string[],
): Partial<SettingsValues> => {
  const out: Partial<SettingsValues> = {};
  if (raw === undefined) return out;
  if (!isPlainObject(raw)) {
    problems.push(`${path}: "${section}" must be an object; it was ignored`);
    if (section === 'enforced') Object.assign(out, failClosed);
    return out;
  }
  for (const [key, value] of Object.entries(raw)) {
    if (!isSettingKey(key)) {
      problems.push(
        `${path}: ${section}.${key} is not a known setting (known: ${settingKeys.join(', ')}); it was ignored`,
      );
      continue;
    }
    const parsed = settingsValuesSchema.shape[key].safeParse(value);
    if (parsed.success) {
      setValue(out, key, parsed.data as SettingsValues[typeof key]);
      continue;
    }
    const reason = parsed.error.issues.map((i) => i.message).join('; ');
    if (section === 'enforced') {
      const fallback = failClosedField[key];
      problems.push(`${path}: enforced.${key} is invalid (${reason}); ${fallback.effect}`);
      setValue(out, key, fallback.value as SettingsValues[typeof key]);
    } else {
      problems.push(`${path}: defaults.${key} is invalid (${reason}); it was ignored`);
    }
  }
  return out;
};

/** Turns what was read from disk into a policy; never throws. */
export const parsePolicy = (path: string, read: JsonRead): Policy => {
  if (read.kind === 'missing') return { path, defaults: {}, enforced: {}, problems: [] };
  if (read.kind === 'unreadable') {
    return {
      path,
      defaults: {},
      enforced: { ...failClosed },
      problems: [`Policy file ${read.problem}; starting with safe defaults`],
    };
  }
  if (!isPlainObject(read.value)) {
    return {
      path,
      defaults: {},
      enforced: { ...failClosed },
      problems: [
        `${path}: must be an object like {"defaults": {...}, "enforced": {...}}; starting with safe defaults`,
      ],
    };
  }
  const problems: string[] = [];
  for (const key of Object.keys(read.value)) {
    if (key !== 'defaults' && key !== 'enforced') {
      problems.push(
        `${path}: top-level key "${key}" is not understood (use "defaults" or "enforced"); it was ignored`,
      );
    }
  }
  const defaults = parseSection(path, 'defaults', read.value['defaults'], problems);
  const enforced = parseSection(path, 'enforced', read.value['enforced'], problems);
  return { path, defaults, enforced, problems };
};

export interface LoadPolicyDeps {
  path: string;
  log: Log;
  read?: (path: string) => Promise<JsonRead>;
}

export const loadPolicy = async ({
  path,
  log,
  read = readJsonFile,
}: LoadPolicyDeps): Promise<Policy> => {
  const policy = parsePolicy(path, await read(path));
  for (const problem of policy.problems) log.warn('policy problem', { problem });
  if (Object.keys(policy.enforced).length > 0 || Object.keys(policy.defaults).length > 0) {
    log.info('policy loaded', {
      path,
      enforced: Object.keys(policy.enforced),
      defaults: Object.keys(policy.defaults),
    });
  }
  return policy;
};
