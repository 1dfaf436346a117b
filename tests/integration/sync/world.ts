import type { Role } from '../../../src/shared/domain/accounts';
import type { Ticket } from '../../../src/shared/domain/ticket';
import { availableTransitions } from '../../../src/shared/domain/workflow/transitions';
import { baseFor } from '../../../src/shared/sync/mutations/set-fields';
import type { SyncHub } from './sync-hub';
import { TestClient, type Fault, type FaultTarget } from './test-client';
import { readSyncMeta } from '../../../src/renderer/sync/sync-meta';

/** The people of a convergence run: agents with overlapping queues. */
export interface World {
  hub: SyncHub;
  queues: string[];
  users: { id: string; username: string; roles: Role[]; queues: number[] }[];
  clients: TestClient[];
  /** Every mutation a client wrote locally: [clientName, mutationId]. */
  issued: {
    client: TestClient;
    clientId: string;
    mutationId: number;
    name: string;
    args: Record<string, unknown>;
    hlc: string;
    body?: string;
  }[];
  nextTitle: number;
}

export type Action =
  | { kind: 'create'; c: number; queue: number; impact: 1 | 2 | 3 }
  | {
      kind: 'edit';
      c: number;
      t: number;
      field: 'title' | 'impact' | 'urgency' | 'category';
      v: number;
    }
  | { kind: 'move'; c: number; t: number; queue: number }
  | { kind: 'assign'; c: number; t: number; u: number }
  | { kind: 'transition'; c: number; t: number; to: number }
  | { kind: 'comment'; c: number; t: number; internal: boolean }
  | { kind: 'work'; c: number; t: number; minutes: number }
  | { kind: 'sync'; c: number }
  | { kind: 'offline'; c: number }
  | { kind: 'online'; c: number }
  | { kind: 'fault'; c: number; fault: Exclude<Fault, 'none'>; on: FaultTarget }
  | { kind: 'replay'; c: number; back: number }
  | { kind: 'skew'; c: number; days: number }
  | { kind: 'advance'; minutes: number }
  | { kind: 'kill'; c: number }
  | { kind: 'wipe'; c: number }
  | { kind: 'restart' }
  | { kind: 'crash'; c: number; after: number }
  | { kind: 'access'; u: number; queues: number[] }
  | { kind: 'compact' };

const PASSWORD = 'sync-harness-password';
const DAY = 86_400_000;

export async function buildWorld(hub: SyncHub, clientCount: number): Promise<World> {
  const queues = [
    await hub.createQueue('Service Desk'),
    await hub.createQueue('Network'),
    await hub.createQueue('Identity'),
  ];
  const plan: { username: string; roles: Role[]; queues: number[] }[] = [
    { username: 'ana', roles: ['agent'], queues: [0] },
    { username: 'ben', roles: ['agent'], queues: [0, 1] },
    { username: 'cho', roles: ['agent', 'change_manager'], queues: [1, 2] },
    { username: 'dev', roles: ['lead'], queues: [0, 1, 2] },
  ];
  const users = [];
  for (const p of plan) {
    const u = await hub.createUser(
      p.username,
      p.roles,
      p.queues.map((i) => queues[i]!),
    );
    users.push({ id: u.id, ...p });
  }
  const clients: TestClient[] = [];
  for (let i = 0; i < clientCount; i++) {
    const user = users[i % users.length]!;
    const c = new TestClient(hub, {
      name: `c${i}-${user.username}`,
      username: user.username,
      password: PASSWORD,
    });
    await c.signIn();
    await c.open();
    clients.push(c);
  }
  return { hub, queues, users, clients, issued: [], nextTitle: 1 };
}

/** The client's tickets in a stable order (titles are unique per run). */
const ticketsOf = async (c: TestClient): Promise<Ticket[]> =>
  (await c.db.tickets.toArray()).sort(
    (a, b) => a.createdAt - b.createdAt || a.title.localeCompare(b.title),
  );

const pick = <T>(list: readonly T[], i: number): T | undefined =>
  list.length ? list[i % list.length] : undefined;

async function mutate(
  w: World,
  c: TestClient,
  name: string,
  args: Record<string, unknown>,
  body?: string,
) {
  const r = await c.mutate({ name, version: 1, args });
  if (!r.ok) return;
  const meta = await readSyncMeta(c.db);
  w.issued.push({
    client: c,
    clientId: meta!.clientId,
    mutationId: r.entry.mutationId,
    name,
    args,
    hlc: r.entry.hlc,
    body,
  });
}

/** Runs one action; network failures are part of the plan and are swallowed. */
export async function runAction(w: World, a: Action): Promise<void> {
  const hub = w.hub;
  if (hub.crashed) await hub.restart();
  const c = 'c' in a ? w.clients[a.c % w.clients.length]! : null;
  switch (a.kind) {
    case 'create': {
      const title = `T${w.nextTitle++}`;
      const queue = pick(c!.actor.queueIds, a.queue) ?? w.queues[0]!;
      await mutate(w, c!, 'incident.create', {
        id: c!.newId(),
        title,
        queueId: queue,
        impact: a.impact,
        urgency: 2,
        requesterId: c!.actor.userId,
      });
      return;
    }
    case 'edit': {
      const t = pick(await ticketsOf(c!), a.t);
      if (!t) return;
      const value =
        a.field === 'title'
          ? `${t.title.split('~')[0]}~${a.v}`
          : a.field === 'category'
            ? `cat-${a.v % 4}`
            : (a.v % 3) + 1;
      const fields = { [a.field]: value };
      await mutate(w, c!, 'ticket.setFields', { ticketId: t.id, fields, base: baseFor(t, fields) });
      return;
    }
    case 'move': {
      const t = pick(await ticketsOf(c!), a.t);
      if (!t) return;
      const fields = { queueId: w.queues[a.queue % w.queues.length]! };
      await mutate(w, c!, 'ticket.setFields', { ticketId: t.id, fields, base: baseFor(t, fields) });
      return;
    }
    case 'assign': {
      const t = pick(await ticketsOf(c!), a.t);
      if (!t) return;
      const fields = { assigneeId: w.users[a.u % w.users.length]!.id };
      await mutate(w, c!, 'ticket.setFields', { ticketId: t.id, fields, base: baseFor(t, fields) });
      return;
    }
    case 'transition': {
      const t = pick(await ticketsOf(c!), a.t);
      if (!t) return;
      const options = availableTransitions(t, c!.actor);
      const to = pick(options, a.to);
      if (!to) return;
      await mutate(w, c!, 'ticket.transition', {
        ticketId: t.id,
        from: t.state,
        to: to.to,
        ...(to.needs.includes('holdReason') && { holdReason: 'awaiting_caller' }),
        ...(to.needs.includes('resolution') && {
          resolution: { code: 'fixed', notes: 'Fixed in run' },
        }),
        ...(to.needs.includes('workaround') && { workaround: 'Restart it' }),
      });
      return;
    }
    case 'comment': {
      const t = pick(await ticketsOf(c!), a.t);
      if (!t) return;
      const body = `note-${w.nextTitle++}`;
      await mutate(
        w,
        c!,
        'ticket.addComment',
        { id: c!.newId(), ticketId: t.id, body, visibility: a.internal ? 'internal' : 'public' },
        body,
      );
      return;
    }
    case 'work': {
      const t = pick(await ticketsOf(c!), a.t);
      if (!t) return;
      await mutate(w, c!, 'ticket.logWork', {
        id: c!.newId(),
        ticketId: t.id,
        minutes: a.minutes,
        workDate: new Date(c!.now()).toISOString().slice(0, 10),
        note: '',
      });
      return;
    }
    case 'sync':
      await c!.trySync();
      return;
    case 'offline':
      c!.online = false;
      return;
    case 'online':
      c!.online = true;
      return;
    case 'fault':
      c!.faults.push({ fault: a.fault, on: a.on });
      await c!.trySync();
      return;
    case 'replay':
      await c!.replayCaptured(c!.captured.length - 1 - (a.back % Math.max(1, c!.captured.length)));
      return;
    case 'skew':
      c!.skewMs = a.days * DAY;
      return;
    case 'advance':
      hub.clock.advance(a.minutes * 60_000);
      return;
    case 'kill':
      await c!.kill();
      return;
    case 'wipe':
      await c!.wipeDatabase();
      return;
    case 'restart':
      await hub.restart();
      return;
    case 'crash':
      hub.crashAfterCommits(a.after);
      await c!.trySync();
      if (hub.crashed) await hub.restart();
      else hub.crashAfterCommits(null);
      return;
    case 'access': {
      const u = w.users[a.u % w.users.length]!;
      const queues = [...new Set(a.queues.map((q) => q % w.queues.length))];
      u.queues = queues;
      await hub.setQueues(
        u.id,
        queues.map((q) => w.queues[q]!),
      );
      return;
    }
    case 'compact':
      await hub.compact();
      return;
  }
}
