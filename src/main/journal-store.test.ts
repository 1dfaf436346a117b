import {
  appendFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntryRecord } from '../shared/ipc/journal';
import { journalEntrySchema } from '../shared/ipc/journal';
import { createJournalStore, journalFileName } from './journal-store';
import { createMemoryLog } from './log';

const ANA = {
  hubOrigin: 'https://hub.example.org:7410',
  userId: '0190a1b2-0000-7000-8000-000000000001',
};
const BEN = {
  hubOrigin: 'https://hub.example.org:7410',
  userId: '0190a1b2-0000-7000-8000-000000000002',
};
const CLIENT = '0190a1b2-0000-7000-8000-0000000000c1';
const OTHER_CLIENT = '0190a1b2-0000-7000-8000-0000000000c2';

const entry = (
  mutationId: number,
  clientId = CLIENT,
  title = `edit ${mutationId}`,
): JournalEntryRecord =>
  journalEntrySchema.parse({
    clientId,
    mutationId,
    name: 'ticket.setFields',
    version: 1,
    args: { ticketId: '0190a1b2-0000-7000-8000-0000000000aa', fields: { title } },
    hlc: `001767603600000-000000-${'a'.repeat(16)}`,
    createdAt: 1_767_603_600_000 + mutationId,
  });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const store = () => {
  const log = createMemoryLog();
  return { journal: createJournalStore({ dir: join(dir, 'journal'), log }), log };
};

describe('journal file', () => {
  it('keeps appended mutations across restarts, in order, in a user-only file', async () => {
    const { journal } = store();
    await journal.append(ANA, entry(2));
    await journal.append(ANA, entry(1));
    const again = store().journal;
    expect(await again.list(ANA)).toEqual([entry(1), entry(2)]);
    const file = join(dir, 'journal', journalFileName(ANA));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(3);
  });

  it('keeps one journal per hub and user', async () => {
    const { journal } = store();
    await journal.append(ANA, entry(1));
    await journal.append(BEN, entry(1, OTHER_CLIENT));
    await journal.append({ ...ANA, hubOrigin: 'https://other.example.org' }, entry(7));
    expect(await journal.list(ANA)).toEqual([entry(1)]);
    expect(await journal.list(BEN)).toEqual([entry(1, OTHER_CLIENT)]);
    expect(await readdir(join(dir, 'journal'))).toHaveLength(3);
  });

  it('lets a re-appended mutation replace its earlier copy', async () => {
    const { journal } = store();
    await journal.append(ANA, entry(1, CLIENT, 'first'));
    await journal.append(ANA, entry(1, CLIENT, 'retried'));
    expect(await journal.list(ANA)).toEqual([entry(1, CLIENT, 'retried')]);
  });

  it('trims acknowledged mutations of one client only, and removes an empty file', async () => {
    const { journal } = store();
    for (const n of [1, 2, 3]) await journal.append(ANA, entry(n));
    await journal.append(ANA, entry(1, OTHER_CLIENT));
    await journal.trim(ANA, CLIENT, 2);
    expect(await journal.list(ANA)).toEqual([entry(3), entry(1, OTHER_CLIENT)]);
    await journal.trim(ANA, CLIENT, 3);
    await journal.trim(ANA, OTHER_CLIENT, 1);
    expect(await journal.list(ANA)).toEqual([]);
    expect(await readdir(join(dir, 'journal'))).toEqual([]);
  });

  it('never loses an append made while a trim runs', async () => {
    const { journal } = store();
    for (const n of [1, 2, 3]) await journal.append(ANA, entry(n));
    await Promise.all([
      journal.trim(ANA, CLIENT, 2),
      journal.append(ANA, entry(4)),
      journal.append(ANA, entry(5)),
    ]);
    expect((await journal.list(ANA)).map((e) => e.mutationId)).toEqual([3, 4, 5]);
  });

  it('skips a last line torn by a crash, logs it, and appends cleanly after it', async () => {
    const { journal } = store();
    await journal.append(ANA, entry(1));
    const file = join(dir, 'journal', journalFileName(ANA));
    // The process died halfway through writing the second line.
    await appendFile(file, JSON.stringify(entry(2)).slice(0, 40));
    const fresh = store();
    expect(await fresh.journal.list(ANA)).toEqual([entry(1)]);
    expect(fresh.log.lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: 'journal: skipped a line torn by a crash',
      }),
    ]);
    await fresh.journal.append(ANA, entry(3));
    expect(await fresh.journal.list(ANA)).toEqual([entry(1), entry(3)]);
    // The next trim writes a clean file and keeps the damaged one for inspection.
    await fresh.journal.trim(ANA, CLIENT, 0);
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(2);
    expect(await readFile(`${file}.corrupt`, 'utf8')).toContain(
      JSON.stringify(entry(2)).slice(0, 40),
    );
    expect(await fresh.journal.list(ANA)).toEqual([entry(1), entry(3)]);
  });

  it('skips lines that are not mutations and says where they are', async () => {
    await mkdir(join(dir, 'journal'), { recursive: true });
    const file = join(dir, 'journal', journalFileName(ANA));
    await writeFile(
      file,
      `${JSON.stringify(entry(1))}\n{"clientId":"x"}\n${JSON.stringify(entry(2))}\n`,
    );
    const { journal, log } = store();
    expect(await journal.list(ANA)).toEqual([entry(1), entry(2)]);
    expect(log.lines[0]).toMatchObject({
      message: 'journal: skipped an entry that is not a mutation',
      data: { line: 2 },
    });
  });

  it('reports a folder it cannot write instead of pretending', async () => {
    await writeFile(join(dir, 'journal'), 'a file where the folder should be');
    const { journal } = store();
    await expect(journal.append(ANA, entry(1))).rejects.toThrow();
    expect(await journal.list(ANA)).toEqual([]);
  });
});

describe('journal entry validation', () => {
  it('names the field that is wrong', () => {
    const bad = (over: Record<string, unknown>) =>
      journalEntrySchema
        .safeParse({ ...entry(1), ...over })
        .error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(bad({ clientId: 'nope' })).toEqual(['clientId: clientId must be a UUID']);
    expect(bad({ mutationId: 0 })).toEqual(['mutationId: mutationId must be 1 or more']);
    expect(bad({ mutationId: 1.5 })).toEqual(['mutationId: mutationId must be a whole number']);
    expect(bad({ name: '' })).toEqual(['name: name must not be empty']);
    expect(bad({ hlc: 'yesterday' })?.[0]).toMatch(/^hlc: /);
    expect(bad({ args: { blob: 'x'.repeat(1024 * 1024) } })?.[0]).toMatch(
      /^args: args must be at most 1048576 bytes/,
    );
    expect(bad({ args: undefined })).toEqual(['args: args must be JSON']);
  });
});
