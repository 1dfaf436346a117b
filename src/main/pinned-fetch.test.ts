import { createServer, type Server } from 'node:https';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSelfSignedCertificate } from '../server/tls/self-signed';
import { CertificatePinError, createPinnedFetch } from './pinned-fetch';

const NOW = Date.now();
const make = () =>
  generateSelfSignedCertificate({
    commonName: 'h',
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
    notBefore: NOW - 60_000,
    notAfter: NOW + 86_400_000,
  });
const host = make();

let server: Server;
let base: string;
let received: { method: string; url: string; body: string; auth: string | undefined }[];

beforeEach(async () => {
  received = [];
  server = createServer({ key: host.keyPem, cert: host.certPem }, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        body,
        auth: req.headers.authorization,
      });
      if (req.url === '/stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('event: poke\ndata: {"seq":1}\n\n');
        res.end('event: poke\ndata: {"seq":2}\n\n');
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json', 'x-test': 'yes' });
      res.end(JSON.stringify({ echo: body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('pinned fetch', () => {
  it('talks to the server whose certificate is pinned, like fetch', async () => {
    const fetch = createPinnedFetch(host.fingerprint);
    const res = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-test')).toBe('yes');
    expect(await res.json()).toEqual({ echo: '{"a":1}' });
    expect(received).toEqual([{ method: 'POST', url: '/echo', body: '{"a":1}', auth: 'Bearer t' }]);
    fetch.close();
  });

  it('streams response bodies (server-sent events)', async () => {
    const fetch = createPinnedFetch(host.fingerprint);
    const res = await fetch(`${base}/stream`);
    expect(await res.text()).toBe(
      'event: poke\ndata: {"seq":1}\n\nevent: poke\ndata: {"seq":2}\n\n',
    );
    fetch.close();
  });

  it('refuses another certificate before sending a single byte of the request', async () => {
    const fetch = createPinnedFetch(make().fingerprint);
    const error = await fetch(`${base}/login`, { method: 'POST', body: 'password=secret' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CertificatePinError);
    expect((error as CertificatePinError).actual).toBe(host.fingerprint);
    expect((error as Error).message).toContain('different certificate');
    expect(received).toEqual([]);
    fetch.close();
  });

  it('reports an unreachable host as a fetch failure, and refuses plain http', async () => {
    const fetch = createPinnedFetch(host.fingerprint);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await expect(fetch(`${base}/x`)).rejects.toThrow(/fetch failed: connect ECONNREFUSED/);
    await expect(fetch('http://127.0.0.1:1/x')).rejects.toThrow('over https only');
    fetch.close();
  });

  it('stops when aborted', async () => {
    const fetch = createPinnedFetch(host.fingerprint);
    const controller = new AbortController();
    controller.abort();
    await expect(fetch(`${base}/x`, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    fetch.close();
  });
});
