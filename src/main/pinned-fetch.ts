import { Agent, request as httpsRequest, type AgentOptions } from 'node:https';
import { isIP } from 'node:net';
import type { ClientRequestArgs } from 'node:http';
import { Readable, type Duplex } from 'node:stream';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { checkPin } from './certificate-pin';

/**
 * A `fetch` over Node's https that talks only to the server whose
 * certificate has the pinned fingerprint. The check runs once the TLS
 * handshake is done and before the request is handed the socket, so not a
 * byte of the request (password, token) reaches any other server.
 * Used by the desktop's pairing client and by tests; Electron's net.fetch
 * uses the same `checkPin` through its certificate verifier.
 */
export class CertificatePinError extends Error {
  constructor(
    message: string,
    readonly expected: string,
    readonly actual: string | null,
  ) {
    super(message);
    this.name = 'CertificatePinError';
  }
}

/** What the TLS handshake showed; a verifier answers null (go ahead) or the error to fail with. */
export interface PeerCertificate {
  hostname: string;
  der: Buffer;
  /** Whether the system's trust store accepted the chain (it never does for a self-signed one). */
  authorized: boolean;
}
export type PeerVerifier = (peer: PeerCertificate) => Promise<Error | null> | Error | null;

class VerifyingAgent extends Agent {
  constructor(
    private readonly verify: PeerVerifier,
    options: AgentOptions,
  ) {
    super(options);
  }

  // Node's Agent accepts an asynchronous createConnection: the request waits for the callback.
  override createConnection(
    requestOptions: ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): undefined {
    const options = requestOptions as ConnectionOptions;
    const host = options.host ?? 'localhost';
    const socket: TLSSocket = connect({
      ...options,
      // The certificate is self-signed: trust comes from the pin, checked below.
      rejectUnauthorized: false,
      // SNI is for names only; Node warns when given an address.
      servername: isIP(host) ? '' : (options.servername ?? host),
      session: undefined,
    });
    const fail = (err: Error) => {
      socket.destroy();
      callback?.(err, socket);
    };
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      socket.off('error', fail);
      const peer = {
        hostname: host,
        der: socket.getPeerCertificate().raw,
        authorized: socket.authorized,
      };
      Promise.resolve(this.verify(peer)).then(
        (error) => (error ? fail(error) : callback?.(null, socket)),
        (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
      );
    });
    return undefined;
  }
}

const headersOf = (init: RequestInit | undefined): Record<string, string> => {
  const out: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, name) => {
    out[name] = value;
  });
  return out;
};

const bodyOf = async (body: RequestInit['body']): Promise<Buffer | null> => {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return Buffer.from(await new Response(body).arrayBuffer());
};

export interface PinnedFetch {
  (input: string | URL, init?: RequestInit): Promise<Response>;
  /** Closes pooled connections (tests, hub address changes). */
  close(): void;
}

/** Accepts exactly the certificate with this fingerprint. */
export const pinVerifier =
  (pin: string): PeerVerifier =>
  ({ der }) => {
    const result = checkPin(pin, { der });
    return result.ok
      ? null
      : new CertificatePinError(result.message, result.expected, result.actual);
  };

export const createPinnedFetch = (pin: string): PinnedFetch =>
  createVerifyingFetch(pinVerifier(pin));

/** A fetch over Node's https whose server certificates `verify` decides on. */
export const createVerifyingFetch = (verify: PeerVerifier): PinnedFetch => {
  // Keep-alive, but no TLS session reuse: every new connection shows its certificate again.
  const agent = new VerifyingAgent(verify, { keepAlive: true, maxCachedSessions: 0 });
  const pinnedFetch = async (input: string | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    if (url.protocol !== 'https:') {
      throw new TypeError(`A pinned hub is reached over https only, not ${url.protocol}`);
    }
    const body = await bodyOf(init?.body);
    const signal = init?.signal ?? undefined;
    signal?.throwIfAborted();
    return new Promise<Response>((resolve, reject) => {
      const req = httpsRequest(
        url,
        {
          method: init?.method ?? 'GET',
          headers: {
            ...headersOf(init),
            ...(body ? { 'content-length': String(body.length) } : {}),
          },
          agent,
          ...(signal ? { signal } : {}),
        },
        (res) => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
            else if (value !== undefined) headers.set(name, value);
          }
          const status = res.statusCode ?? 502;
          const nullBody = init?.method === 'HEAD' || [101, 204, 205, 304].includes(status);
          if (nullBody) res.resume();
          resolve(
            new Response(nullBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), {
              status,
              statusText: res.statusMessage ?? '',
              headers,
            }),
          );
        },
      );
      req.once('error', (err) => {
        if (signal?.aborted) {
          reject(signal.reason ?? new DOMException('The request was aborted', 'AbortError'));
          return;
        }
        // Shaped like fetch's own failures, with the reason kept as the cause.
        reject(
          err instanceof CertificatePinError
            ? err
            : new TypeError(`fetch failed: ${err.message}`, { cause: err }),
        );
      });
      req.end(body ?? undefined);
    });
  };
  return Object.assign(pinnedFetch, { close: () => agent.destroy() });
};
