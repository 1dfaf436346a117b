import { describe, expect, it } from 'vitest';
import { PAIRING_ALPHABET, pairingCodeSchema } from '../../shared/api/pairing';
import { createManualClock } from '../clock';
import { newPairingCodeText, PairingCodes } from './pairing-codes';

const MINUTE = 60_000;

const setup = (codes = ['ABCD2345', 'WXYZ6789', 'HJKM3456']) => {
  const clock = createManualClock();
  let i = 0;
  const pairing = new PairingCodes(clock, undefined, () => codes[i++ % codes.length]!);
  return { clock, pairing };
};

describe('pairing codes', () => {
  it('are 8 characters of an alphabet without look-alikes, and differ each time', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 200; n++) {
      const code = newPairingCodeText();
      expect(code).toMatch(/^[A-Z2-9]{8}$/);
      for (const ch of code) expect(PAIRING_ALPHABET).toContain(ch);
      expect(code).not.toMatch(/[01ILO]/);
      seen.add(code);
    }
    expect(seen.size).toBe(200);
  });

  it('accept the code as people type it', () => {
    const { pairing } = setup();
    pairing.issue();
    expect(pairing.check('abcd-2345', '10.0.0.5')).toEqual({ ok: true });
    expect(pairing.check(' ABCD 2345 ', '10.0.0.5')).toEqual({ ok: true });
    expect(pairingCodeSchema.safeParse('abcd-0345').error?.issues[0]?.message).toContain(
      'no 0, 1, I, L or O',
    );
  });

  it('work for 10 minutes, then say they expired', () => {
    const { clock, pairing } = setup();
    pairing.issue();
    clock.advance(10 * MINUTE - 1);
    expect(pairing.check('ABCD2345', 'ip')).toEqual({ ok: true });
    clock.advance(1);
    expect(pairing.check('ABCD2345', 'ip')).toMatchObject({ ok: false, reason: 'expired' });
    expect(pairing.consume('ABCD2345')).toBe(false);
    expect(pairing.current().state).toBe('expired');
  });

  it('work once', () => {
    const { pairing } = setup();
    pairing.issue();
    expect(pairing.consume('ABCD2345')).toBe(true);
    expect(pairing.consume('ABCD2345')).toBe(false);
    expect(pairing.check('ABCD2345', 'ip')).toMatchObject({
      ok: false,
      reason: 'used',
      message: expect.stringContaining('already used'),
    });
  });

  it('a new code withdraws the old one', () => {
    const { pairing } = setup();
    pairing.issue();
    pairing.issue();
    expect(pairing.check('ABCD2345', 'ip')).toMatchObject({ ok: false, reason: 'wrong' });
    expect(pairing.check('WXYZ6789', 'ip')).toEqual({ ok: true });
  });

  it('limit wrong guesses per address, and forgive them after the window', () => {
    const { clock, pairing } = setup();
    pairing.issue();
    for (let n = 0; n < 5; n++) {
      expect(pairing.check('ZZZZZZZZ', '10.0.0.9')).toMatchObject({ ok: false, reason: 'wrong' });
    }
    // Even the right code is refused from an address that guessed too often...
    expect(pairing.check('ABCD2345', '10.0.0.9')).toMatchObject({
      ok: false,
      reason: 'rate_limited',
      message: expect.stringContaining('try again in 10 minutes'),
    });
    // ...while another device may still pair.
    expect(pairing.check('ABCD2345', '10.0.0.10')).toEqual({ ok: true });
    clock.advance(10 * MINUTE + 1);
    pairing.issue();
    expect(pairing.check('WXYZ6789', '10.0.0.9')).toEqual({ ok: true });
  });

  it('withdraw the code after 10 wrong guesses from anywhere', () => {
    const { pairing } = setup();
    pairing.issue();
    for (let n = 0; n < 10; n++) pairing.check('ZZZZZZZZ', `10.0.0.${n}`);
    expect(pairing.check('ABCD2345', '10.0.1.1')).toMatchObject({
      ok: false,
      reason: 'withdrawn',
      message: expect.stringContaining('too many wrong codes were tried'),
    });
    expect(pairing.current()).toMatchObject({ state: 'withdrawn' });
    pairing.issue();
    expect(pairing.check('WXYZ6789', '10.0.1.1')).toEqual({ ok: true });
  });

  it('stop working when host mode stops', () => {
    const { pairing } = setup();
    pairing.issue();
    pairing.withdraw('host mode stopped');
    expect(pairing.check('ABCD2345', 'ip')).toMatchObject({
      ok: false,
      reason: 'withdrawn',
      message: expect.stringContaining('host mode stopped'),
    });
  });

  it('refuse everything before a code was made', () => {
    const { pairing } = setup();
    expect(pairing.current()).toEqual({ state: 'none' });
    expect(pairing.check('ABCD2345', 'ip')).toMatchObject({ ok: false, reason: 'wrong' });
    expect(pairing.consume('ABCD2345')).toBe(false);
  });
});
