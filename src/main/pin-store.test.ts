import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSelfSignedCertificate } from '../server/tls/self-signed';
import { createMemoryLog } from './log';
import {
  createCertificateVerifyProc,
  createPinStore,
  VERIFY_ACCEPT,
  VERIFY_DEFAULT,
  VERIFY_REJECT,
} from './pin-store';

const NOW = Date.UTC(2026, 0, 5);
const cert = () =>
  generateSelfSignedCertificate({
    commonName: 'h',
    dnsNames: [],
    ipAddresses: ['192.168.1.20'],
    notBefore: NOW,
    notAfter: NOW + 1e9,
  });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outpost-pins-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('pinned hub certificates', () => {
  it('are remembered per hub origin across restarts', async () => {
    const log = createMemoryLog();
    const host = cert();
    const pins = await createPinStore({ file: join(dir, 'hub-pins.json'), log });
    await pins.set('https://192.168.1.20:7410', host.fingerprint.toLowerCase());
    const again = await createPinStore({ file: join(dir, 'hub-pins.json'), log });
    expect(again.get('https://192.168.1.20:7410')).toBe(host.fingerprint);
    expect(again.forHostname('192.168.1.20')).toEqual([host.fingerprint]);
    expect(again.get('https://192.168.1.20:7411')).toBeNull();
    await again.remove('https://192.168.1.20:7410');
    expect(JSON.parse(await readFile(join(dir, 'hub-pins.json'), 'utf8'))).toEqual({
      version: 1,
      pins: {},
    });
  });

  it('start empty, with a log line, when the file is damaged', async () => {
    await writeFile(join(dir, 'hub-pins.json'), '{"version": 9}');
    const log = createMemoryLog();
    const pins = await createPinStore({ file: join(dir, 'hub-pins.json'), log });
    expect(pins.forHostname('192.168.1.20')).toEqual([]);
    expect(log.lines[0]?.message).toContain('paired hubs must pair again');
  });
});

describe("Electron's certificate verifier for net.fetch", () => {
  const setup = async () => {
    const log = createMemoryLog();
    const pins = await createPinStore({ file: join(dir, 'hub-pins.json'), log });
    const verify = createCertificateVerifyProc(pins, log);
    const ask = (hostname: string, pem: string) =>
      new Promise<number>((resolve) => verify({ hostname, certificate: { data: pem } }, resolve));
    return { pins, ask, log };
  };

  it('accepts the pinned certificate of a paired host although no CA signed it', async () => {
    const { pins, ask } = await setup();
    const host = cert();
    await pins.set('https://192.168.1.20:7410', host.fingerprint);
    expect(await ask('192.168.1.20', host.certPem)).toBe(VERIFY_ACCEPT);
  });

  it('refuses any other certificate for that host and remembers why', async () => {
    const { pins, ask, log } = await setup();
    const host = cert();
    const impostor = cert();
    await pins.set('https://192.168.1.20:7410', host.fingerprint);
    expect(await ask('192.168.1.20', impostor.certPem)).toBe(VERIFY_REJECT);
    expect(pins.lastMismatch('192.168.1.20')).toMatchObject({
      expected: host.fingerprint,
      actual: impostor.fingerprint,
    });
    expect(log.lines.at(-1)?.message).toContain('does not match the pinned one');
    // The right one afterwards clears the remembered failure.
    expect(await ask('192.168.1.20', host.certPem)).toBe(VERIFY_ACCEPT);
    expect(pins.lastMismatch('192.168.1.20')).toBeNull();
  });

  it("leaves every other host to Chromium's own checks (system and enterprise CAs)", async () => {
    const { pins, ask } = await setup();
    await pins.set('https://192.168.1.20:7410', cert().fingerprint);
    expect(await ask('hub.example.org', cert().certPem)).toBe(VERIFY_DEFAULT);
  });
});
