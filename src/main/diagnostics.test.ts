import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtInSettings } from '../shared/ipc/settings';
import type { HostStatus } from '../shared/ipc/host';
import { buildDiagnostics, exportDiagnostics, redactText } from './diagnostics';
import { createMemoryLog } from './log';

const TOKEN = 'q3J8vQy0c1S6hX2f9pLmN4rT7uW0zA5bC8dE1gH3kLo';
const PASSWORD = 'correct horse battery';
const CODE = 'ABCD2345';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-diag-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const hostStatus = (): HostStatus => ({
  allowed: true,
  lanAllowed: true,
  lockedReason: null,
  lanLockedReason: null,
  state: 'running',
  enabled: true,
  lan: true,
  port: 7410,
  localUrl: 'https://127.0.0.1:7410',
  lanUrls: ['https://192.168.1.20:7410'],
  fingerprint: 'AB:'.repeat(31) + 'AB',
  certificateValidUntil: 1,
  pairing: { state: 'active', code: CODE, expiresAt: 2, note: null },
  dataDir: '/home/u/.config/Outpost/hub',
  error: null,
  usedByThisDevice: true,
});

const build = async () => {
  await mkdir(join(dir, 'logs'));
  await writeFile(
    join(dir, 'logs', 'main.log'),
    [
      JSON.stringify({ level: 'info', message: 'started', version: '0.1.0' }),
      JSON.stringify({ level: 'warn', message: 'oops', token: TOKEN, password: PASSWORD }),
      `{"level":"info","message":"request","headers":"authorization: Bearer ${TOKEN}","cookie":"outpost_session=${TOKEN}"}`,
      JSON.stringify({ level: 'info', message: 'pairing', code: 'ABCD-2345' }),
      JSON.stringify({
        level: 'info',
        message: 'key',
        pem: '-----BEGIN PRIVATE KEY-----\nMIGHAgEA\n-----END PRIVATE KEY-----',
      }),
      `a token in plain text ${TOKEN} at the end`,
    ].join('\n') + '\n',
  );
  return buildDiagnostics({
    now: Date.UTC(2026, 0, 5, 9),
    app: {
      version: '0.1.0',
      packaged: true,
      platform: 'linux',
      arch: 'x64',
      versions: { electron: '45.5.0', node: '22.1.0' },
    },
    settings: {
      values: {
        ...builtInSettings,
        hubUrl: 'https://hub.example.org',
        proxy: { mode: 'fixed_servers', rules: 'http://proxyuser:proxypass@proxy:3128' },
      },
      locked: ['proxy'],
      problems: [],
    },
    host: hostStatus(),
    pinnedHubs: { 'https://192.168.1.20:7410': 'AB:'.repeat(31) + 'AB' },
    logFiles: {
      'main.log': join(dir, 'logs', 'main.log'),
      'hub.log': join(dir, 'logs', 'hub.log'),
    },
  });
};

describe('diagnostics export', () => {
  it('never contains a token, password, pairing code, private key or proxy credential', async () => {
    const text = await build();
    for (const secret of [
      TOKEN,
      PASSWORD,
      CODE,
      'ABCD-2345',
      'MIGHAgEA',
      'proxypass',
      'proxyuser',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });

  it('keeps what support needs: versions, settings, host state, log lines', async () => {
    const report = JSON.parse(await build()) as Record<string, any>;
    expect(report.app).toMatchObject({ version: '0.1.0', versions: { electron: '45.5.0' } });
    expect(report.settings.values.hubUrl).toBe('https://hub.example.org');
    expect(report.settings.locked).toEqual(['proxy']);
    expect(report.host).toMatchObject({
      state: 'running',
      lanUrls: ['https://192.168.1.20:7410'],
      fingerprint: 'AB:'.repeat(31) + 'AB',
    });
    expect(report.pinnedHubs).toEqual({ 'https://192.168.1.20:7410': 'AB:'.repeat(31) + 'AB' });
    expect(report.logs['main.log']).toContain('"message":"started"');
    expect(report.logs['hub.log']).toContain('not available');
  });

  it('writes the file the user chose, and nothing when they cancel', async () => {
    const log = createMemoryLog();
    const target = join(dir, 'out.json');
    const chosen = await exportDiagnostics({
      build: async () => '{"ok":true}\n',
      showSaveDialog: async (o) => {
        expect(o.defaultPath).toBe(join(dir, 'outpost-diagnostics-20260105-0900.json'));
        return { canceled: false, filePath: target };
      },
      defaultDir: dir,
      now: () => Date.UTC(2026, 0, 5, 9),
      log,
    });
    expect(chosen).toEqual({ path: target });
    expect(await readFile(target, 'utf8')).toBe('{"ok":true}\n');
    const cancelled = await exportDiagnostics({
      build: async () => {
        throw new Error('must not build');
      },
      showSaveDialog: async () => ({ canceled: true }),
      defaultDir: dir,
      now: () => 0,
      log,
    });
    expect(cancelled).toBeNull();
  });

  it('redacts free text too', () => {
    expect(redactText(`Authorization: Bearer ${TOKEN}`)).toBe('Authorization: Bearer [redacted]');
    expect(redactText('https://u:p@hub.example.org/x')).toBe(
      'https://[redacted]@hub.example.org/x',
    );
    expect(redactText('ticket 0190a1b2-0000-7000-8000-000000000001')).toBe(
      'ticket 0190a1b2-0000-7000-8000-000000000001',
    );
  });
});
