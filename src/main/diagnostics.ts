import { open, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostStatus } from '../shared/ipc/host';
import type { SettingsSnapshot } from '../shared/ipc/settings';
import type { Log } from './log';

/**
 * "Export diagnostics": one JSON file support staff can read — versions,
 * settings, host-mode state and the tails of the logs — with every secret
 * taken out first (session tokens, passwords, pairing codes, private keys,
 * credentials inside URLs). Redaction works on the finished text as well as
 * on known fields, so a secret that slipped into a log line is caught too.
 */
export const REDACTED = '[redacted]';

const SECRET_KEY =
  /token|password|passwd|secret|authorization|cookie|ciphertext|private|credential|pairingcode|^key(pem)?$/i;

const TEXT_RULES: [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, REDACTED],
  [/\b(bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${REDACTED}`],
  [/\b(outpost_[a-z_]*=)[^;\s"',]+/gi, `$1${REDACTED}`],
  // user:password@ inside any URL (proxy settings, hub addresses).
  [/([a-z][a-z0-9+.-]*:\/\/)[^\s/@"']+@/gi, `$1${REDACTED}@`],
  // "password": "…" and friends, in JSON log lines.
  [
    /("(?:[A-Za-z]*(?:token|password|passwd|secret|authorization|cookie|ciphertext|credential)[A-Za-z]*)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi,
    `$1"${REDACTED}"`,
  ],
  // Pairing codes in a JSON field named code (8 characters of the pairing alphabet).
  [
    /("code"\s*:\s*)"[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{4}-?[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{4}"/g,
    `$1"${REDACTED}"`,
  ],
  // Anything shaped like a session token (32+ random bytes, base64url or hex).
  [/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40,}(?![A-Za-z0-9_-])/g, REDACTED],
];

export const redactText = (text: string): string =>
  TEXT_RULES.reduce((out, [rule, replacement]) => out.replace(rule, replacement), text);

export const redactValue = (value: unknown): unknown => {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) && v !== null ? REDACTED : redactValue(v),
      ]),
    );
  }
  return value;
};

const TAIL_BYTES = 512 * 1024;

/** The end of a log file (whole lines), or a note that it is missing. */
export const readTail = async (file: string, maxBytes = TAIL_BYTES): Promise<string> => {
  try {
    const { size } = await stat(file);
    const start = Math.max(0, size - maxBytes);
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      const text = buffer.toString('utf8');
      return start > 0 ? text.slice(text.indexOf('\n') + 1) : text;
    } finally {
      await handle.close();
    }
  } catch (e) {
    return `(not available: ${e instanceof Error ? e.message : String(e)})`;
  }
};

export interface DiagnosticsInput {
  now: number;
  app: {
    version: string;
    packaged: boolean;
    platform: string;
    arch: string;
    versions: Record<string, string | undefined>;
  };
  settings: SettingsSnapshot;
  host: HostStatus;
  pinnedHubs: Record<string, string>;
  logFiles: Record<string, string>;
}

export const buildDiagnostics = async (input: DiagnosticsInput): Promise<string> => {
  const logs: Record<string, string> = {};
  for (const [name, path] of Object.entries(input.logFiles)) logs[name] = await readTail(path);
  const host = {
    ...input.host,
    // The host's own screen shows the code; a support file must not.
    pairing: input.host.pairing
      ? { ...input.host.pairing, code: input.host.pairing.code ? REDACTED : null }
      : null,
  };
  const report = {
    generatedAt: new Date(input.now).toISOString(),
    app: input.app,
    settings: input.settings,
    host,
    pinnedHubs: input.pinnedHubs,
    logs,
  };
  return redactText(JSON.stringify(redactValue(report), null, 2)) + '\n';
};

export interface DiagnosticsExportDeps {
  build: () => Promise<string>;
  showSaveDialog: (options: {
    title: string;
    defaultPath: string;
    filters: { name: string; extensions: string[] }[];
  }) => Promise<{ canceled: boolean; filePath?: string }>;
  defaultDir: string;
  now: () => number;
  log: Log;
}

const stamp = (ms: number) =>
  new Date(ms).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

/** Asks where to save, then writes the file; null when the user cancelled. */
export const exportDiagnostics = async (
  deps: DiagnosticsExportDeps,
): Promise<{ path: string } | null> => {
  const chosen = await deps.showSaveDialog({
    title: 'Export diagnostics',
    defaultPath: join(deps.defaultDir, `outpost-diagnostics-${stamp(deps.now())}.json`),
    filters: [{ name: 'Diagnostics (JSON)', extensions: ['json'] }],
  });
  if (chosen.canceled || !chosen.filePath) return null;
  const text = await deps.build();
  await writeFile(chosen.filePath, text, { mode: 0o600 });
  deps.log.info('diagnostics exported', { path: chosen.filePath });
  return { path: chosen.filePath };
};
