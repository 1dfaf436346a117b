import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_ROOT, REPO_ROOT } from './seed-cache';

/** A free TCP port on 127.0.0.1 (for servers that cannot listen on port 0 and report it). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });

/** A process's command name, parent and user + system CPU seconds so far (Linux /proc), or null once it has ended. */
function procStat(pid: number | string): { comm: string; ppid: number; cpu: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      ppid: Number(fields[1]),
      cpu: (Number(fields[11]) + Number(fields[12])) / 100,
    };
  } catch {
    return null;
  }
}

/** The running processes' pids. */
const pids = (): number[] =>
  readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .map(Number);

/** User + system CPU seconds a process has used so far (Linux /proc). */
export function cpuSeconds(pid: number): number {
  return procStat(pid)?.cpu ?? Number.NaN;
}

/**
 * CPU seconds used so far by every running process whose command name is
 * `comm` (e.g. all PostgreSQL server processes: pg_ctl detaches them, so
 * they are not this process's descendants). Processes that already ended
 * are not counted.
 */
export function cpuSecondsOfCommand(comm: string): number {
  let total = 0;
  for (const pid of pids()) {
    const stat = procStat(pid);
    if (stat?.comm === comm) total += stat.cpu;
  }
  return total;
}

/**
 * CPU seconds used so far by this process's Chromium descendants (browser,
 * renderer, GPU, network and storage services). CPU time, unlike wall time,
 * hardly moves when other work crowds the machine, so it is reported beside it.
 */
export function chromiumCpuSeconds(): number {
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  const chromium = new Set<number>();
  for (const pid of pids()) {
    const stat = procStat(pid);
    if (!stat) continue; // the process ended while we looked
    parent.set(pid, stat.ppid);
    cpu.set(pid, stat.cpu);
    if (stat.comm.startsWith('chromium') || stat.comm.startsWith('chrome')) chromium.add(pid);
  }
  let total = 0;
  for (const pid of chromium) {
    for (let p: number | undefined = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === process.pid) {
        total += cpu.get(pid) ?? 0;
        break;
      }
    }
  }
  return total;
}

/** Keeps the last few KB of a child's output for error messages, and drops the rest. */
function tail(child: ChildProcess) {
  let out = '';
  const keep = (chunk: string) => {
    out = (out + chunk).slice(-8000);
  };
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);
  return () => out;
}

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('close', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });

export interface HubHandle {
  url: string;
  pid: number;
  cpuSeconds(): number;
  stop(): Promise<void>;
}

export interface HubOptions {
  dataDir: string;
  databaseUrl?: string;
  webRoot?: string;
  /** username:password for a hub without users. */
  initAdmin?: string;
}

/**
 * The real hub CLI (`src/server/cli.ts` through tsx) in its own process, on
 * 127.0.0.1 and a free port, logging at its default level (info) as it would
 * in production. Its own process, so the load generator's CPU does not slow
 * the hub's event loop (the machine has two cores: one each).
 */
export async function spawnHub(opts: HubOptions): Promise<HubHandle> {
  const args = [
    // e.g. OUTPOST_BENCH_HUB_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/hub-prof" to profile the hub.
    ...(process.env.OUTPOST_BENCH_HUB_NODE_ARGS ?? '').split(' ').filter(Boolean),
    '--import',
    'tsx',
    'src/server/cli.ts',
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--data-dir',
    opts.dataDir,
    ...(opts.databaseUrl ? ['--database-url', opts.databaseUrl] : []),
    ...(opts.webRoot ? ['--web-root', opts.webRoot] : []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: CODE_ROOT,
    env: {
      ...process.env,
      OUTPOST_INIT_ADMIN: opts.initAdmin,
      OUTPOST_LOG_LEVEL: 'info',
      OUTPOST_DATABASE_URL: undefined,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = tail(child);
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: string) => {
      seen = (seen + chunk).slice(-4000);
      const m = /"msg":"Outpost hub listening on (http:\/\/[^"]+)"/.exec(seen);
      if (m?.[1]) {
        child.stdout!.off('data', onData);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.once('close', (code) =>
      reject(new Error(`the hub exited (code ${code}) before listening:\n${output()}`)),
    );
  });
  return {
    url,
    pid: child.pid!,
    cpuSeconds: () => cpuSeconds(child.pid!),
    stop: () => stopChild(child),
  };
}

export interface PouchServerHandle {
  url: string;
  stop(): Promise<void>;
}

/**
 * pouchdb-server (express-pouchdb over LevelDB) on 127.0.0.1 and a free port,
 * with its config and log in a temp dir (never ./config.json in the repo),
 * stdout logs off, and CORS allowed for one origin only (the bench page).
 * It has no admins ("admin party"): acceptable only because it listens on
 * loopback, holds generated data and lives for one benchmark.
 */
export async function spawnPouchServer(opts: {
  dbDir: string;
  corsOrigin: string;
}): Promise<PouchServerHandle> {
  const conf = await mkdtemp(join(tmpdir(), 'outpost-bench-pouch-'));
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    await writeFile(
      join(conf, 'config.json'),
      JSON.stringify({
        httpd: { bind_address: '127.0.0.1', port, enable_cors: true },
        cors: { origins: opts.corsOrigin, credentials: true },
        log: { file: join(conf, 'log.txt'), level: 'warning' },
      }),
    );
    const child = spawn(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server'),
        '--config',
        join(conf, 'config.json'),
        '--dir',
        opts.dbDir,
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--no-stdout-logs',
        '--no-color',
      ],
      { cwd: conf, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const output = tail(child);
    const url = `http://127.0.0.1:${port}`;
    const up = await waitForHttp(`${url}/`, child);
    if (up) {
      return {
        url,
        async stop() {
          await stopChild(child);
          await rm(conf, { recursive: true, force: true });
        },
      };
    }
    await stopChild(child);
    if (attempt >= 2) {
      await rm(conf, { recursive: true, force: true });
      throw new Error(`pouchdb-server did not start:\n${output()}`);
    }
  }
}

async function waitForHttp(url: string, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) return false;
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
