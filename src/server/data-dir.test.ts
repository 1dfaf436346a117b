import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirError, prepareDataDir } from './data-dir';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'outpost-datadir-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('data directory', () => {
  it('creates missing folders', () => {
    const d = join(dir, 'a', 'b');
    prepareDataDir(d);
    expect(existsSync(d)).toBe(true);
  });

  it('names the path when it cannot be created', () => {
    writeFileSync(join(dir, 'file'), '');
    expect(() => prepareDataDir(join(dir, 'file', 'sub'))).toThrow(DataDirError);
    expect(() => prepareDataDir(join(dir, 'file', 'sub'))).toThrow(`${join(dir, 'file', 'sub')}`);
  });
});

describe('hub.lock', () => {
  const alive = new Set([111, 222]);
  const isAlive = (pid: number) => alive.has(pid);

  it('holds the pid while taken and is removed on release', () => {
    const lock = acquireDataDirLock(dir, 111, isAlive);
    expect(readFileSync(lock.path, 'utf8')).toBe('111\n');
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('refuses while another live process holds it, naming dir, pid and file', () => {
    const lock = acquireDataDirLock(dir, 111, isAlive);
    expect(() => acquireDataDirLock(dir, 222, isAlive)).toThrow(
      `The data directory ${dir} is in use by another Outpost hub (pid 111, lock file ${join(dir, 'hub.lock')})`,
    );
    lock.release();
    acquireDataDirLock(dir, 222, isAlive).release();
  });

  it('takes over a lock whose process is gone, or that is unreadable', () => {
    writeFileSync(join(dir, 'hub.lock'), '999\n');
    const lock = acquireDataDirLock(dir, 111, isAlive);
    expect(readFileSync(lock.path, 'utf8')).toBe('111\n');
    lock.release();
    writeFileSync(join(dir, 'hub.lock'), 'garbage');
    acquireDataDirLock(dir, 111, isAlive).release();
  });

  it('refuses a second open from the same process', () => {
    const lock = acquireDataDirLock(dir, 111, isAlive);
    expect(() => acquireDataDirLock(dir, 111, isAlive)).toThrow('already open in this process');
    lock.release();
  });

  it('does not delete a lock that another hub took over after ours went stale', () => {
    const lock = acquireDataDirLock(dir, 111, isAlive);
    writeFileSync(lock.path, '222\n');
    lock.release();
    expect(readFileSync(lock.path, 'utf8')).toBe('222\n');
  });
});
