import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one (production parameters)', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(needsRehash(stored, DEFAULT_SCRYPT)).toBe(false);
  });

  it('salts every hash, so equal passwords give different strings', async () => {
    const p = { N: 1024, r: 8, p: 1 };
    const a = await hashPassword('same password 1', p);
    const b = await hashPassword('same password 1', p);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password 1', a)).toBe(true);
    expect(await verifyPassword('same password 1', b)).toBe(true);
  });

  it('reads the cost from the stored string, so old hashes keep working after a cost change', async () => {
    const weak = await hashPassword('long enough pw', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('long enough pw', weak)).toBe(true);
    expect(needsRehash(weak, DEFAULT_SCRYPT)).toBe(true);
  });

  it('treats the same text in different Unicode forms as the same password', async () => {
    const p = { N: 1024, r: 8, p: 1 };
    const stored = await hashPassword('caf\u00e9 au lait!', p);
    expect(await verifyPassword('cafe\u0301 au lait!', stored)).toBe(true);
  });

  it('returns false for malformed or absurd stored hashes instead of throwing', async () => {
    for (const bad of [
      '',
      'plain',
      'scrypt$1024$8$1$$',
      'bcrypt$x',
      'scrypt$1000$8$1$YWJj$YWJj',
      'scrypt$1073741824$8$1$YWJj$YWJj',
    ]) {
      expect(await verifyPassword('whatever123', bad)).toBe(false);
    }
  });
});
