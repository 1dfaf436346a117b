import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createRng, type Rng } from '../../../src/shared/domain/generator/prng';
import type { Ticket } from '../../../src/shared/domain/ticket';
import { newId } from '../../../src/shared/ids';
import { hlcInit, hlcNow, hlcReceive, type HlcClock } from '../../../src/shared/sync/hlc';
import {
  MAX_PUSH_BATCH,
  PROTOCOL_VERSION,
  type PullResponse,
  type PushResponse,
} from '../../../src/shared/sync/protocol';
import { bodyLines, readBootstrap, type HubSession } from './hub-client';
import { httpStream, httpText } from './light-http';
import { nextMutation } from './mutation-mix';

/**
 * One simulated agent for the load benchmark: the sync protocol as the real
 * engine drives it (push what is pending, one request in flight; pull on every
 * poke, coalesced to one pull in flight plus one queued), over plain
 * node:http (light-http.ts) so 50 of them fit in one Node process. Its ticket copy is what it pulled; edits
 * are planned on it like the UI would (base stamps, current state).
 */
export interface SimStats {
  pushMs: number[];
  pullMs: number[];
  /**
   * From an edit being made (its HLC wall time, which the hub keeps as the
   * ticket's updatedAt) until this client's pull brought it: how soon an edit
   * shows on the desks that see the ticket, the author's included. Same
   * machine, same clock.
   */
  seenMs: number[];
  /** HTTP failures, network errors, out-of-order stops, resets: things that must not happen. */
  errors: string[];
  applied: number;
  /** Refused by the rules (e.g. a transition from a state someone else already left): conflicts. */
  rejected: number;
  made: number;
}

interface Pending {
  id: number;
  name: string;
  version: number;
  args: unknown;
  hlc: string;
  createdAt: number;
}

export class SimClient {
  readonly stats: SimStats = {
    pushMs: [],
    pullMs: [],
    seenMs: [],
    errors: [],
    applied: 0,
    rejected: 0,
    made: 0,
  };
  /** While false, latencies are not recorded (warm-up and drain). */
  recording = false;
  private readonly clientId = newId();
  private readonly rng: Rng;
  private readonly tickets = new Map<string, Ticket>();
  private cursor = 0;
  private aclHash = '';
  private nextId = 1;
  private clock: HlcClock;
  private pending: Pending[] = [];
  private pushing: Promise<void> | null = null;
  private pulling: Promise<void> | null = null;
  private pullAgain = false;
  private events: IncomingMessage | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly hubUrl: string,
    private readonly session: HubSession,
    private readonly assignees: readonly string[],
    seed: string,
  ) {
    this.rng = createRng(seed);
    this.clock = hlcInit(this.clientId);
  }

  /** Loads its queues' tickets (the real bootstrap) and opens the poke stream. */
  async start(): Promise<void> {
    const begin = await readBootstrap(this.hubUrl, this.session, this.clientId, (entity, rows) => {
      if (entity === 'ticket') for (const t of rows) this.tickets.set(String(t.id), t as Ticket);
    });
    this.cursor = begin.cursor;
    this.aclHash = begin.aclHash;
    const res = await httpStream(`${this.hubUrl}/sync/v1/events`, {
      authorization: `Bearer ${this.session.token}`,
      accept: 'text/event-stream',
    });
    if (res.statusCode !== 200) {
      res.destroy();
      throw new Error(`events: HTTP ${res.statusCode}`);
    }
    this.events = res;
    void (async () => {
      try {
        for await (const line of bodyLines(res)) if (line.startsWith('data:')) this.requestPull();
      } catch {
        // aborted at the end of the run
      }
    })();
  }

  /** Makes `perSecond` edits a second, each pushed as soon as it is made. */
  run(perSecond: number): void {
    const every = 1000 / perSecond;
    // A random phase, so 50 clients do not all edit on the same millisecond.
    this.timer = setTimeout(() => {
      this.timer = setInterval(() => this.edit(), every);
      this.edit();
    }, this.rng.next() * every);
  }

  /** Stops editing; resolves once everything made has been pushed and pulled back. */
  async drain(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    while (this.pending.length > 0 || this.pushing || this.pulling) {
      await (this.pushing ?? this.pulling ?? this.push());
    }
    await this.pull();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.events?.destroy();
  }

  /** Returns the statistics so far and starts new ones. */
  resetStats(): SimStats {
    const s = { ...this.stats, errors: [...this.stats.errors] };
    Object.assign(this.stats, {
      pushMs: [],
      pullMs: [],
      seenMs: [],
      errors: [],
      applied: 0,
      rejected: 0,
      made: 0,
    });
    return s;
  }

  private edit(): void {
    const now = Date.now();
    const m = nextMutation({
      rng: this.rng,
      actor: this.session.actor,
      tickets: [...this.tickets.values()],
      assignees: this.assignees,
      now,
      newId,
    });
    const { clock, stamp } = hlcNow(this.clock, now);
    this.clock = clock;
    this.pending.push({
      id: this.nextId++,
      name: m.name,
      version: m.version,
      args: m.args,
      hlc: stamp,
      createdAt: now,
    });
    this.stats.made++;
    void this.push();
  }

  private push(): Promise<void> {
    if (this.pushing || this.pending.length === 0) return this.pushing ?? Promise.resolve();
    this.pushing = (async () => {
      let failures = 0;
      try {
        while (this.pending.length > 0) {
          const batch = this.pending.slice(0, MAX_PUSH_BATCH);
          const r = await this.post<PushResponse>('push', {
            protocol: PROTOCOL_VERSION,
            clientId: this.clientId,
            mutations: batch,
          });
          if (r === null) {
            // Retried after a pause, as the engine does; a hub that keeps failing ends the client.
            if (++failures > 20) return;
            await new Promise((res) => setTimeout(res, 100));
            continue;
          }
          failures = 0;
          if (r.stopped) this.stats.errors.push(`push stopped: ${r.stopped.message}`);
          for (const res of r.results) {
            if (res.status === 'applied') this.stats.applied++;
            else if (res.status === 'rejected') this.stats.rejected++;
          }
          const done = new Set(r.results.map((x) => x.id));
          this.pending = this.pending.filter((p) => !done.has(p.id));
        }
      } finally {
        this.pushing = null;
      }
    })();
    return this.pushing;
  }

  private requestPull(): void {
    if (this.pulling) this.pullAgain = true;
    else void this.pull();
  }

  private pull(): Promise<void> {
    if (this.pulling) return this.pulling;
    this.pulling = (async () => {
      try {
        do {
          this.pullAgain = false;
          const r = await this.post<PullResponse>('pull', {
            protocol: PROTOCOL_VERSION,
            clientId: this.clientId,
            cursor: this.cursor,
            aclHash: this.aclHash,
          });
          if (r === null) return;
          if ('reset' in r) {
            this.stats.errors.push(`pull reset: ${r.reason}`);
            return;
          }
          let newest = '';
          const received = Date.now();
          for (const c of r.changes) {
            if (c.entity !== 'ticket') continue;
            if (c.op === 'remove') {
              this.tickets.delete(c.id);
              continue;
            }
            const t = c.data as Ticket;
            const before = this.tickets.get(c.id);
            if (this.recording && (!before || t.updatedAt > before.updatedAt))
              this.stats.seenMs.push(received - t.updatedAt);
            this.tickets.set(c.id, t);
            for (const st of Object.values(t.stamps ?? {})) if (st.hlc > newest) newest = st.hlc;
          }
          // Seen stamps move the clock on, so a later edit here wins over what it saw.
          if (newest) {
            try {
              this.clock = hlcReceive(this.clock, newest, Date.now());
            } catch {
              // a malformed stamp: keep the clock (the engine does the same)
            }
          }
          this.cursor = r.cursor;
          if (r.hasMore) this.pullAgain = true;
        } while (this.pullAgain);
      } finally {
        this.pulling = null;
      }
    })();
    return this.pulling;
  }

  /** POSTs a sync request and records its latency; null (and an error) when it failed. */
  private async post<T>(what: 'push' | 'pull', body: unknown): Promise<T | null> {
    const t0 = performance.now();
    try {
      const res = await httpText(
        `${this.hubUrl}/sync/v1/${what}`,
        { authorization: `Bearer ${this.session.token}` },
        JSON.stringify(body),
      );
      const { text } = res;
      if (this.recording)
        (what === 'push' ? this.stats.pushMs : this.stats.pullMs).push(performance.now() - t0);
      if (res.status !== 200) {
        this.stats.errors.push(`${what}: HTTP ${res.status} ${text.slice(0, 200)}`);
        return null;
      }
      return JSON.parse(text) as T;
    } catch (e) {
      this.stats.errors.push(`${what}: ${(e as Error).message}`);
      return null;
    }
  }
}
