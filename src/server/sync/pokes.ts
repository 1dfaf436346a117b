import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from 'pino';

/**
 * "Something changed at seq N": SSE subscribers then pull. Within one hub the
 * bus is an EventEmitter; on PostgreSQL every hub process LISTENs on one
 * channel and publishes with NOTIFY, so a commit on any hub reaches the
 * clients of all of them (ARCHITECTURE.md "Scale-out").
 */
export interface PokeBus {
  publish(seq: number): void;
  subscribe(listener: (seq: number) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'outpost_poke';

export function createLocalPokeBus(): PokeBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (seq) => emitter.emit('poke', seq),
    subscribe(listener) {
      emitter.on('poke', listener);
      return () => emitter.off('poke', listener);
    },
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}

/**
 * A dedicated connection LISTENs (pooled connections cannot); publishing goes
 * through it too. If the connection drops, it reconnects with backoff and
 * pokes once so clients catch up on anything missed meanwhile.
 */
export async function createPostgresPokeBus(url: string, log: Logger): Promise<PokeBus> {
  const local = createLocalPokeBus();
  let client: pg.Client | null = null;
  let closed = false;
  let lastSeq = 0;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (msg) => {
      const seq = Number(msg.payload);
      if (Number.isFinite(seq)) {
        lastSeq = Math.max(lastSeq, seq);
        local.publish(seq);
      }
    });
    c.on('error', (err) => {
      log.warn({ err }, 'poke listener connection lost; reconnecting');
      client = null;
      void c.end().catch(() => undefined);
      schedule(1000);
    });
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    client = c;
  };
  const schedule = (ms: number) => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      connect()
        .then(() => local.publish(lastSeq))
        .catch((err: unknown) => {
          log.warn({ err }, 'poke listener reconnect failed');
          schedule(Math.min(ms * 2, 30_000));
        });
    }, ms);
    retry.unref();
  };

  await connect();
  return {
    publish(seq) {
      if (client) {
        client.query('SELECT pg_notify($1, $2)', [CHANNEL, String(seq)]).catch((err: unknown) => {
          log.warn({ err }, 'NOTIFY failed; poking local clients only');
          local.publish(seq);
        });
      } else {
        local.publish(seq);
      }
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await local.close();
      await client?.end().catch(() => undefined);
    },
  };
}
