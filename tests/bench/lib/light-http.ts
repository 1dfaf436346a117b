import { Agent, get, request, type IncomingMessage } from 'node:http';

/**
 * A request over node:http with kept-alive connections, for the
 * load benchmark's simulated agents. The 50 agents share one Node process,
 * and Node's fetch (undici with web streams, abort signals and transferable
 * bodies) took about half of that process's CPU: the generator saturated its
 * core and its own event-loop lag showed up in every latency it measured.
 * Real agents are browsers on other machines; what the benchmark measures is
 * the hub, so the generator uses the cheapest faithful client.
 */
const agent = new Agent({ keepAlive: true });

export interface LightResponse {
  status: number;
  text: string;
}

/** GET `url`, or POST `body` (JSON text) when there is one; the whole response as text. */
export function httpText(
  url: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<LightResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: body === undefined ? 'GET' : 'POST',
        agent,
        headers:
          body === undefined
            ? headers
            : {
                ...headers,
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(body),
              },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** GET a long-lived stream (server-sent events); destroy the response to end it. */
export function httpStream(url: string, headers: Record<string, string>): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers }, resolve).on('error', reject);
  });
}
