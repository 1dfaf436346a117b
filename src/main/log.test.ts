import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLog } from './log';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('file log', () => {
  it('writes one JSON line per entry with the injected time', async () => {
    const log = createFileLog({ dir: join(dir, 'logs'), now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    log.warn('policy problem', { problem: 'x' });
    log.info('started');
    const lines = (await readFile(join(dir, 'logs', 'main.log'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { time: '2026-01-02T03:04:05.000Z', level: 'warn', message: 'policy problem', problem: 'x' },
      { time: '2026-01-02T03:04:05.000Z', level: 'info', message: 'started' },
    ]);
  });

  it('rotates a file that grew too large', async () => {
    const log = createFileLog({ dir, now: () => 0, maxBytes: 100 });
    for (let i = 0; i < 5; i++) log.info('a fairly long line to fill the file', { i });
    const current = await readFile(join(dir, 'main.log'), 'utf8');
    const old = await readFile(join(dir, 'main.old.log'), 'utf8');
    expect(current.length).toBeLessThan(300);
    expect(old.length).toBeGreaterThan(0);
  });

  it('never throws when the log cannot be written', () => {
    const log = createFileLog({ dir: join(dir, 'missing', '\0bad'), now: () => 0 });
    expect(() => log.error('still fine')).not.toThrow();
  });
});
