import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { appendAudit } from '../../src/server/audit/audit-log';
import { openDatabase } from '../../src/server/storage/database';
import { createTestDatabase } from '../fixtures/postgres-database';
import { spawnHubCli, type HubProcess } from '../fixtures/hub-process';

let dir: string;
const running: HubProcess[] = [];
const start = (args: string[], opts?: Parameters<typeof spawnHubCli>[1]) => {
  const p = spawnHubCli(args, opts);
  running.push(p);
  return p;
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-cli-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
  await rm(dir, { recursive: true, force: true });
});

/** A pid that certainly belongs to no running process: a child that has already exited. */
const deadPid = (): number => {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
};

describe('outpost-hub CLI', () => {
  it('starts on a fresh data dir, creates the first admin from OUTPOST_INIT_ADMIN and shuts down cleanly on SIGTERM', async () => {
    const dataDir = join(dir, 'data');
    const hub = start(['--port', '0', '--data-dir', dataDir], {
      env: { OUTPOST_INIT_ADMIN: 'boss:a long enough password' },
    });
    const url = await hub.listening;
    expect(readFileSync(join(dataDir, 'hub.lock'), 'utf8').trim()).toBe(String(hub.child.pid));
    const health = (await (await fetch(`${url}/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', database: 'sqlite' });
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'boss', password: 'a long enough password' }),
    });
    expect(login.status).toBe(200);
    expect(hub.output().stdout).not.toContain('a long enough password');

    const exit = await hub.stop();
    expect(exit.code).toBe(0);
    expect(existsSync(join(dataDir, 'hub.lock'))).toBe(false);
  });

  it('tells the user how to create the first admin when none exists', async () => {
    const hub = start(['--port', '0', '--data-dir', join(dir, 'data')]);
    const url = await hub.listening;
    const port = new URL(url).port;
    await expect
      .poll(() => hub.output().stdout)
      .toContain(
        `open http://127.0.0.1:${port} in a browser on this machine to create the first administrator`,
      );
  });

  it('refuses a data dir already used by a running hub, naming the dir and the lock', async () => {
    const dataDir = join(dir, 'data');
    const first = start(['--port', '0', '--data-dir', dataDir]);
    await first.listening;
    const second = start(['--port', '0', '--data-dir', dataDir]);
    const exit = await second.exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain(
      `The data directory ${dataDir} is in use by another Outpost hub (pid ${first.child.pid}`,
    );
    expect(exit.stderr).toContain(join(dataDir, 'hub.lock'));
    // The first hub is unharmed.
    expect(readFileSync(join(dataDir, 'hub.lock'), 'utf8').trim()).toBe(String(first.child.pid));
  });

  it('takes over a stale lock left by a process that no longer exists', async () => {
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'hub.lock'), `${deadPid()}\n`);
    const hub = start(['--port', '0', '--data-dir', dataDir]);
    await hub.listening;
    expect(readFileSync(join(dataDir, 'hub.lock'), 'utf8').trim()).toBe(String(hub.child.pid));
  });

  it('exits naming the path when the data dir cannot be created', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const dataDir = join(blocker, 'data');
    const exit = await start(['--port', '0', '--data-dir', dataDir]).exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain(
      `Cannot create the data directory ${dataDir}: a part of the path is a file, not a folder`,
    );
  });

  it('exits naming the path when the data dir is read-only', async () => {
    const dataDir = join(dir, 'readonly');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o555);
    chmodSync(dir, 0o755);
    // Root ignores file modes, so as root the hub runs as an ordinary user.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(dataDir, 0, 0);
    const exit = await start(
      ['--port', '0', '--data-dir', dataDir],
      asRoot ? { asUser: 'nobody' } : {},
    ).exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain(
      `The data directory ${dataDir} is not writable: permission denied`,
    );
  });

  it('exits with one clear line, no stack, when outpost.db is not a database', async () => {
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    const file = join(dataDir, 'outpost.db');
    writeFileSync(file, 'these bytes were never an SQLite database '.repeat(200));
    for (const args of [
      ['--port', '0', '--data-dir', dataDir],
      ['verify-audit', '--data-dir', dataDir],
    ]) {
      const exit = await start(args).exited;
      expect(exit.code).toBe(1);
      expect(exit.stderr).toContain(
        `cannot open sqlite database ${file}: the file is not an SQLite database`,
      );
      expect(exit.stderr).toContain('move it aside or restore it from a backup');
      expect(exit.stderr).not.toMatch(/^ {4}at /m);
      expect(exit.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(join(dataDir, 'hub.lock'))).toBe(false);
    // The user's file is left exactly as it was, for them to move or recover.
    expect(readFileSync(file, 'utf8')).toBe(
      'these bytes were never an SQLite database '.repeat(200),
    );
  });

  it('exits naming the port when it is already in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const exit = await start(['--port', String(port), '--data-dir', join(dir, 'data')]).exited;
      expect(exit.code).toBe(1);
      expect(exit.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      // A failed start releases its lock so the next attempt is not blocked.
      expect(existsSync(join(dir, 'data', 'hub.lock'))).toBe(false);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('rejects a bad OUTPOST_INIT_ADMIN without echoing the password', async () => {
    const exit = await start(['--port', '0', '--data-dir', join(dir, 'data')], {
      env: { OUTPOST_INIT_ADMIN: 'boss:tiny-pw' },
    }).exited;
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain('OUTPOST_INIT_ADMIN: password must have at least 10 characters');
    expect(exit.stderr).not.toContain('tiny-pw');
    const noColon = await start(['--data-dir', join(dir, 'data')], {
      env: { OUTPOST_INIT_ADMIN: 'justaname' },
    }).exited;
    expect(noColon.stderr).toContain('OUTPOST_INIT_ADMIN must look like username:password');
  });

  it('rejects unknown flags and bad values with usage exit code 2', async () => {
    const unknown = await start(['--prot', '80']).exited;
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--prot'");
    const badPort = await start(['--port', 'eighty']).exited;
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port / OUTPOST_PORT: must be a number');
  });
});

describe('verify-audit', () => {
  const seedAudit = async (target: Parameters<typeof openDatabase>[0]) => {
    const db = await openDatabase(target);
    for (let i = 1; i <= 4; i++) {
      await appendAudit(db.kysely, 1_000 * i, {
        actorId: null,
        action: 'user.create',
        target: `user:${i}`,
        details: { i },
      });
    }
    await db.close();
  };

  it('exits 0 for an intact SQLite log and 1 naming the seq of a tampered row', async () => {
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    const file = join(dataDir, 'outpost.db');
    await seedAudit({ kind: 'sqlite', file });

    const intact = await start(['verify-audit', '--data-dir', dataDir]).exited;
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('Audit log intact: 4 entries verified');

    const raw = new BetterSqlite3(file);
    raw.prepare(`update audit_log set details = '{"i":99}' where seq = 2`).run();
    raw.close();
    const tampered = await start(['verify-audit', '--data-dir', dataDir]).exited;
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain(
      'Audit log TAMPERED at seq 2: entry 2 was changed after it was written',
    );
  });

  it('checks a PostgreSQL log through --database-url', async () => {
    const pg = await createTestDatabase(inject('pgUrl'));
    try {
      await seedAudit({ kind: 'postgres', url: pg.url });
      const db = await openDatabase({ kind: 'postgres', url: pg.url });
      await db.kysely.deleteFrom('audit_log').where('seq', '=', 3).execute();
      await db.close();
      const exit = await start(['verify-audit', '--database-url', pg.url]).exited;
      expect(exit.code).toBe(1);
      expect(exit.stdout).toContain('TAMPERED at seq 3: entry 3 is missing');
    } finally {
      await pg.drop();
    }
  });

  it('says so when there is no database in the data dir', async () => {
    const exit = await start(['verify-audit', '--data-dir', join(dir, 'empty')]).exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain(`no hub database at ${join(dir, 'empty', 'outpost.db')}`);
  });
});
