import { ticketById } from '../../../src/renderer/db/ticket-packs';
import { createHash } from 'node:crypto';
import type { Ticket } from '../../../src/shared/domain/ticket';
import { availableTransitions } from '../../../src/shared/domain/workflow/transitions';
import { baseFor } from '../../../src/shared/sync/mutations/set-fields';
import { runAutoClose } from '../../../src/server/jobs/auto-close';
import type { Action } from './actions';
import type { TestClient } from './test-client';
import { mutate, pick, ticketsOf, type World } from './world';

const DAY = 86_400_000;

type EditField = Extract<Action, { kind: 'edit' }>['field'];

/** ticket.setFields of one field, with the base the author's copy carries (as the UI does). */
async function editField(w: World, c: TestClient, t: Ticket, field: EditField, v: number) {
  const value =
    field === 'title'
      ? `${t.title.split('~')[0]}~${v}`
      : field === 'category'
        ? `cat-${v % 4}`
        : (v % 3) + 1;
  const fields = { [field]: value };
  await mutate(w, c, 'ticket.setFields', { ticketId: t.id, fields, base: baseFor(t, fields) });
}

const clientsOf = (w: World, indexes: number[]) => [
  ...new Set(indexes.map((i) => w.clients[i % w.clients.length]!)),
];

/** Runs one action; network failures are part of the plan and are swallowed. */
export async function runAction(w: World, a: Action): Promise<void> {
  const hub = w.hub;
  if (hub.crashed) await hub.recover();
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
      if (t) await editField(w, c!, t, a.field, a.v);
      return;
    }
    case 'contend': {
      // Several agents change the same field of the same ticket and sync at
      // once; with `race` each push is also sent twice at the same moment.
      const many = clientsOf(w, a.cs);
      const t = pick(await ticketsOf(many[0]!), a.t);
      if (!t) return;
      for (const [i, m] of many.entries()) {
        const mine = await ticketById(m.db, t.id);
        if (!mine) continue;
        await editField(w, m, mine, a.field, a.v + i);
        if (a.race) m.faults.push({ fault: 'concurrent', on: 'push' });
      }
      await Promise.all(many.map((m) => m.trySync()));
      return;
    }
    case 'fieldwork': {
      const t = pick(await ticketsOf(c!), a.t);
      if (!t) return;
      c!.skewMs = a.skewDays * DAY;
      c!.online = false;
      for (const e of a.edits) {
        hub.clock.advance(e.gap * 60_000);
        // Each edit starts from the device's current copy, its earlier edits included.
        const mine = await ticketById(c!.db, t.id);
        if (mine) await editField(w, c!, mine, e.field, e.v);
      }
      c!.online = true;
      await c!.trySync();
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
        { entity: 'comment', text: body },
      );
      return;
    }
    case 'work': {
      const t = pick(await ticketsOf(c!), a.t);
      if (!t) return;
      const note = `work-${w.nextTitle++}`;
      await mutate(
        w,
        c!,
        'ticket.logWork',
        {
          id: c!.newId(),
          ticketId: t.id,
          minutes: a.minutes,
          workDate: new Date(c!.now()).toISOString().slice(0, 10),
          note,
        },
        { entity: 'worklog', text: note },
      );
      return;
    }
    case 'attach': {
      const t = pick(await ticketsOf(c!), a.t);
      if (!t) return;
      const name = `file-${w.nextTitle++}.log`;
      // Metadata only: the hub records an attachment before (or without) its bytes.
      const sha256 = createHash('sha256').update(name).digest('hex');
      await mutate(
        w,
        c!,
        'ticket.attach',
        { id: c!.newId(), ticketId: t.id, name, size: a.size, mime: 'text/plain', sha256 },
        { entity: 'attachment', text: name },
      );
      return;
    }
    case 'link': {
      const tickets = await ticketsOf(c!);
      const from = pick(tickets, a.t);
      const to = pick(tickets, a.u);
      if (!from || !to || from.id === to.id) return;
      await mutate(w, c!, 'ticket.link', {
        fromId: from.id,
        kind: 'related',
        to: { kind: 'ticket', id: to.id },
      });
      return;
    }
    case 'sync':
      await c!.trySync();
      return;
    case 'syncMany': {
      await Promise.all(clientsOf(w, a.cs).map((m) => m.trySync()));
      return;
    }
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
    case 'away':
      c!.online = false;
      hub.clock.advance(a.days * DAY);
      // What the hub's auto-close timer would have done over those days.
      await runAutoClose(hub.db, hub.clock.now());
      return;
    case 'kill':
      await c!.kill();
      return;
    case 'wipe':
      await c!.wipeDatabase();
      return;
    case 'restart':
      await hub.restart(a.i);
      return;
    case 'crash':
      hub.crashAfterCommits(a.after);
      await c!.trySync();
      if (hub.crashed) await hub.recover();
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
