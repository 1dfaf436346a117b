import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withStatementCache } from './statement-cache';

const open: BetterSqlite3.Database[] = [];
afterEach(() => open.splice(0).forEach((db) => db.open && db.close()));

const setup = () => {
  const raw = new BetterSqlite3(':memory:');
  open.push(raw);
  raw.exec('create table t (id integer primary key, v text)');
  raw.prepare('insert into t (v) values (?), (?), (?)').run('a', 'b', 'c');
  return { raw, prepare: vi.spyOn(raw, 'prepare') };
};

describe('prepared statements kept for Kysely', () => {
  it('prepares a query once and reuses it, with its parameters each time', () => {
    const { raw, prepare } = setup();
    const db = withStatementCache(raw);
    const sql = 'select v from t where id = ?';
    expect(db.prepare(sql).all([1])).toEqual([{ v: 'a' }]);
    expect(db.prepare(sql).all([3])).toEqual([{ v: 'c' }]);
    expect(db.prepare('update t set v = ? where id = ?').run(['z', 2]).changes).toBe(1);
    expect(db.prepare(sql).all([2])).toEqual([{ v: 'z' }]);
    expect(prepare.mock.calls.map((c) => c[0])).toEqual([sql, 'update t set v = ? where id = ?']);
  });

  it('keeps at most `max` statements, dropping the least recently used', () => {
    const { raw, prepare } = setup();
    const db = withStatementCache(raw, 2);
    const q = (n: number) => `select ${n} as n`;
    db.prepare(q(1)).all([]);
    db.prepare(q(2)).all([]);
    db.prepare(q(1)).all([]); // 1 is now the most recent
    db.prepare(q(3)).all([]); // evicts 2
    db.prepare(q(1)).all([]);
    db.prepare(q(2)).all([]);
    expect(prepare.mock.calls.map((c) => c[0])).toEqual([q(1), q(2), q(3), q(2)]);
  });

  it('streams through a statement of its own, so the same query can run meanwhile', () => {
    const { raw } = setup();
    const db = withStatementCache(raw);
    const sql = 'select v from t order by id';
    const rows = db.prepare(sql).iterate([]);
    expect(rows.next().value).toEqual({ v: 'a' });
    // With one shared statement this throws "This statement is busy executing a query".
    expect(db.prepare(sql).all([])).toHaveLength(3);
    expect([...rows]).toEqual([{ v: 'b' }, { v: 'c' }]);
  });
});
