import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  defaultDataDir,
  parseCommandLine,
  parseInitAdmin,
  type PlatformInfo,
} from './config';

const linux = (env: NodeJS.ProcessEnv = {}): PlatformInfo => ({
  platform: 'linux',
  env,
  home: '/home/ana',
});

const serve = (argv: string[], p: PlatformInfo = linux()) => {
  const parsed = parseCommandLine(argv, p);
  if (parsed.command !== 'serve') throw new Error(`expected serve, got ${parsed.command}`);
  return parsed.config;
};

describe('hub configuration', () => {
  it('defaults to 127.0.0.1:7410, the user data dir, SQLite and 14-day sessions', () => {
    const c = serve([]);
    expect(c).toMatchObject({
      port: 7410,
      host: '127.0.0.1',
      dataDir: '/home/ana/.local/share/outpost',
      databaseUrl: null,
      initAdmin: null,
      sessionTtlMs: 14 * 86_400_000,
      trustProxy: false,
      logLevel: 'info',
    });
    expect(c.webRoot).toMatch(/out\/renderer$/);
  });

  it('uses each platform’s data folder', () => {
    expect(defaultDataDir(linux({ XDG_DATA_HOME: '/data/xdg' }))).toBe('/data/xdg/outpost');
    expect(defaultDataDir(linux({ XDG_DATA_HOME: 'relative/ignored' }))).toBe(
      '/home/ana/.local/share/outpost',
    );
    expect(defaultDataDir({ platform: 'darwin', env: {}, home: '/Users/ana' })).toBe(
      '/Users/ana/Library/Application Support/Outpost',
    );
    expect(
      defaultDataDir({
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' },
        home: 'C:\\Users\\ana',
      }),
    ).toBe('C:\\Users\\ana\\AppData\\Roaming\\Outpost');
  });

  it('reads the environment and lets flags win', () => {
    const env = {
      OUTPOST_PORT: '8000',
      OUTPOST_HOST: '0.0.0.0',
      OUTPOST_DATABASE_URL: 'postgres://hub@db/outpost',
      OUTPOST_SESSION_TTL_DAYS: '30',
      OUTPOST_TRUST_PROXY: 'yes',
      OUTPOST_INIT_ADMIN: 'Boss:long enough pw',
    };
    const fromEnv = serve([], linux(env));
    expect(fromEnv).toMatchObject({
      port: 8000,
      host: '0.0.0.0',
      databaseUrl: 'postgres://hub@db/outpost',
      sessionTtlMs: 30 * 86_400_000,
      trustProxy: true,
      initAdmin: { username: 'boss', password: 'long enough pw' },
    });
    const flags = serve(
      ['--port=9000', '--data-dir', 'rel/dir', '--web-root', '/srv/web'],
      linux(env),
    );
    expect(flags.port).toBe(9000);
    expect(flags.dataDir).toBe(`${process.cwd()}/rel/dir`);
    expect(flags.webRoot).toBe('/srv/web');
  });

  it('names the flag and the problem for bad values', () => {
    const cases: Array<[string[], NodeJS.ProcessEnv, string]> = [
      [['--port', '70000'], {}, '--port / OUTPOST_PORT: must be between 0 and 65535'],
      [['--port', 'x'], {}, '--port / OUTPOST_PORT: must be a number'],
      [
        ['--database-url', 'mysql://x'],
        {},
        '--database-url / OUTPOST_DATABASE_URL: must be a postgres:// or postgresql:// URL',
      ],
      [
        ['--session-ttl-days', '0'],
        {},
        '--session-ttl-days / OUTPOST_SESSION_TTL_DAYS: must be more than 0',
      ],
      [
        [],
        { OUTPOST_TRUST_PROXY: 'maybe' },
        '--trust-proxy / OUTPOST_TRUST_PROXY: must be 1/0, true/false or yes/no',
      ],
      [['--log-level', 'loud'], {}, '--log-level / OUTPOST_LOG_LEVEL: must be one of'],
      [['--nope'], {}, "Unknown option '--nope'"],
      [['extra'], {}, 'Unexpected argument'],
    ];
    for (const [argv, env, message] of cases) {
      expect(() => parseCommandLine(argv, linux(env)), argv.join(' ')).toThrow(ConfigError);
      expect(() => parseCommandLine(argv, linux(env))).toThrow(message);
    }
  });

  it('parses OUTPOST_INIT_ADMIN with the shared account rules, never echoing the password', () => {
    expect(parseInitAdmin('ana:pass:with:colons')).toEqual({
      username: 'ana',
      password: 'pass:with:colons',
    });
    expect(() => parseInitAdmin('ana')).toThrow(
      'OUTPOST_INIT_ADMIN must look like username:password',
    );
    expect(() => parseInitAdmin('a:long enough pw')).toThrow(
      'username must have at least 2 characters',
    );
    try {
      parseInitAdmin('ana:secret1');
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toBe(
        'OUTPOST_INIT_ADMIN: password must have at least 10 characters',
      );
    }
  });

  it('recognises the verify-audit, help and version commands', () => {
    expect(parseCommandLine(['verify-audit', '--data-dir', '/d'], linux())).toEqual({
      command: 'verify-audit',
      dataDir: '/d',
      databaseUrl: null,
    });
    expect(parseCommandLine(['--help'], linux())).toEqual({ command: 'help' });
    expect(parseCommandLine(['--version'], linux())).toEqual({ command: 'version' });
  });
});
