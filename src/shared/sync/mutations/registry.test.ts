import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { actors, ids } from '../../domain/test-fixtures';
import {
  latestMutationVersion,
  mutationCtx,
  mutationRegistry,
  readsFor,
  runMutation,
} from './index';
import { createMutationRegistry } from './registry';
import { ctxFor, loadedWith } from './testing';
import {
  defineMutation,
  defineUpgrader,
  emptyLoaded,
  type MutationDef,
  type MutationUpgrader,
} from './types';
import { stamp, T0 } from '../../domain/test-fixtures';
import { defaultDomainSettings } from '../../domain/settings';
import type { ClientId, ConflictId } from '../../ids';

/** A test-only mutation that changed shape: v1 had `text`, v2 has `title` + `urgent`. */
const echoV2 = defineMutation<{ title: string; urgent: boolean }>({
  name: 'demo.echo',
  version: 2,
  args: z.strictObject({
    title: z.string().min(1, { error: 'title must not be empty' }),
    urgent: z.boolean(),
  }),
  reads: () => [{ kind: 'ticket', id: ids.ticket }],
  authorize: (actor) =>
    actor.roles.includes('requester') ? { code: 'FORBIDDEN', message: 'no' } : null,
  apply: (_loaded, args, ctx) => ({
    ok: true,
    effects: [
      {
        type: 'conflict',
        value: {
          id: ids.ticket as string as ConflictId,
          userId: ctx.actor.userId,
          ticketId: null,
          field: null,
          mine: args,
          theirs: null,
          theirsBy: null,
          at: ctx.now,
          mutation: 'demo.echo@2',
          code: 'ECHO',
          message: args.title,
        },
      },
    ],
  }),
});
const echoV1toV2 = defineUpgrader<{ text: string }>({
  name: 'demo.echo',
  fromVersion: 1,
  args: z.strictObject({ text: z.string({ error: 'text must be text' }) }),
  upgrade: (old) => ({ title: old.text.replace(/^!/, ''), urgent: old.text.startsWith('!') }),
});
const demo = createMutationRegistry(
  [echoV2 as MutationDef<unknown>],
  [echoV1toV2 as MutationUpgrader<unknown>],
);
const ctx = ctxFor(actors.agentA);

describe('createMutationRegistry', () => {
  it('runs the newest version directly', () => {
    const out = demo.run('demo.echo', 2, { title: 'Hi', urgent: false }, emptyLoaded(), ctx);
    expect(out).toMatchObject({
      ok: true,
      effects: [{ value: { mine: { title: 'Hi', urgent: false } } }],
    });
  });

  it("upgrades an old client's args instead of misreading them", () => {
    const out = demo.run('demo.echo', 1, { text: '!Printer on fire' }, emptyLoaded(), ctx);
    expect(out).toMatchObject({
      ok: true,
      effects: [{ value: { mine: { title: 'Printer on fire', urgent: true } } }],
    });
    expect(demo.readsFor('demo.echo', 1, { text: 'x' })).toEqual({
      ok: true,
      refs: [{ kind: 'ticket', id: ids.ticket }],
    });
  });

  it('validates old args with the old schema, and upgraded args with the new one', () => {
    expect(demo.run('demo.echo', 1, { text: 3 }, emptyLoaded(), ctx)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'text must be text', field: 'text' },
    });
    expect(demo.run('demo.echo', 1, { text: '!' }, emptyLoaded(), ctx)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'title' },
    });
  });

  it('refuses unknown names and versions, including future ones', () => {
    for (const [name, v] of [
      ['demo.nope', 1],
      ['demo.echo', 3],
      ['demo.echo', 0],
      ['demo.echo', 1.5],
    ] as const) {
      expect(demo.run(name, v, {}, emptyLoaded(), ctx)).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_MUTATION' },
      });
    }
    expect(demo.readsFor('demo.nope', 1, {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_MUTATION' },
    });
  });

  it('refuses an old version with no upgrader', () => {
    const noUp = createMutationRegistry([echoV2 as MutationDef<unknown>]);
    expect(noUp.run('demo.echo', 1, { text: 'x' }, emptyLoaded(), ctx)).toMatchObject({
      ok: false,
      error: {
        code: 'UNKNOWN_MUTATION',
        message: 'mutation demo.echo@1 is not known to this version of Outpost',
      },
    });
  });

  it('authorizes before applying', () => {
    const out = demo.run(
      'demo.echo',
      2,
      { title: 'x', urgent: false },
      emptyLoaded(),
      ctxFor(actors.requester),
    );
    expect(out).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } });
    expect(
      demo.authorize(actors.requester, emptyLoaded(), echoV2 as MutationDef<unknown>, {}),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a catalogue that defines one version twice', () => {
    expect(() => createMutationRegistry([echoV2, echoV2] as MutationDef<unknown>[])).toThrow(
      /defined twice/,
    );
  });
});

describe('the Outpost mutation catalogue', () => {
  it('holds every mutation of the protocol, keyed name@version', () => {
    expect([...mutationRegistry.keys()].sort()).toEqual([
      'change.approve@1',
      'change.create@1',
      'ci.create@1',
      'ci.update@1',
      'incident.create@1',
      'kb.create@1',
      'kb.publish@1',
      'kb.update@1',
      'problem.create@1',
      'request.approve@1',
      'request.create@1',
      'ticket.addComment@1',
      'ticket.attach@1',
      'ticket.link@1',
      'ticket.logWork@1',
      'ticket.setFields@1',
      'ticket.transition@1',
    ]);
    expect(latestMutationVersion('ticket.setFields')).toBe(1);
    expect(latestMutationVersion('ticket.delete')).toBeNull();
  });

  it('names the field of invalid args, including unknown fields', () => {
    expect(runMutation('ticket.addComment', 1, { id: 'x' }, loadedWith(), ctx)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'id', message: 'id must be a UUID' },
    });
    const extra = { ticketId: ids.ticket, from: 'new', to: 'in_progress', colour: 'red' };
    expect(runMutation('ticket.transition', 1, extra, loadedWith(), ctx)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'colour', message: 'colour is not a known field' },
    });
    expect(runMutation('ticket.transition', 1, 'nonsense', loadedWith(), ctx)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('tells the caller what to load', () => {
    expect(
      readsFor('ticket.transition', 1, { ticketId: ids.ticket, from: 'new', to: 'in_progress' }),
    ).toEqual({
      ok: true,
      refs: [{ kind: 'ticket', id: ids.ticket }],
    });
    expect(readsFor('ticket.transition', 1, {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('takes now from the stamp', () => {
    const c = mutationCtx({
      actor: actors.admin,
      clientId: 'c' as ClientId,
      hlc: stamp(5_000),
      settings: defaultDomainSettings,
    });
    expect(c.now).toBe(T0 + 5_000);
  });
});

describe('reads of every mutation', () => {
  const t = { kind: 'ticket', id: ids.ticket };
  const table: [string, object, object[]][] = [
    [
      'incident.create',
      {
        id: ids.ticket,
        title: 't',
        requesterId: ids.requester,
        queueId: ids.queueA,
        impact: 1,
        urgency: 1,
      },
      [t],
    ],
    [
      'request.create',
      { id: ids.ticket, requesterId: ids.requester, catalogItemId: ids.ticket2 },
      [t],
    ],
    [
      'problem.create',
      { id: ids.ticket, title: 't', queueId: ids.queueA, impact: 1, urgency: 1 },
      [t],
    ],
    [
      'change.create',
      {
        id: ids.ticket,
        title: 't',
        queueId: ids.queueA,
        impact: 1,
        urgency: 1,
        changeKind: 'normal',
        risk: 'low',
      },
      [t],
    ],
    [
      'ticket.setFields',
      { ticketId: ids.ticket, fields: { title: 'x' }, base: { title: null } },
      [t],
    ],
    ['ticket.transition', { ticketId: ids.ticket, from: 'new', to: 'in_progress' }, [t]],
    [
      'ticket.addComment',
      { id: ids.ticket2, ticketId: ids.ticket, body: 'x', visibility: 'public' },
      [t],
    ],
    [
      'ticket.logWork',
      { id: ids.ticket2, ticketId: ids.ticket, minutes: 5, workDate: '2025-03-03' },
      [t],
    ],
    [
      'ticket.attach',
      {
        id: ids.ticket2,
        ticketId: ids.ticket,
        name: 'a',
        size: 1,
        mime: 'text/plain',
        sha256: 'a'.repeat(64),
      },
      [t],
    ],
    [
      'ticket.link',
      { fromId: ids.ticket, kind: 'related', to: { kind: 'ticket', id: ids.ticket2 } },
      [t, { kind: 'ticket', id: ids.ticket2 }],
    ],
    ['change.approve', { ticketId: ids.ticket, decision: 'approved' }, [t]],
    ['request.approve', { ticketId: ids.ticket, decision: 'approved' }, [t]],
    [
      'kb.create',
      { id: ids.ticket2, title: 't', body: '', kind: 'howto' },
      [{ kind: 'article', id: ids.ticket2 }],
    ],
    [
      'kb.update',
      { articleId: ids.ticket2, fields: { body: 'x' }, base: { body: null } },
      [{ kind: 'article', id: ids.ticket2 }],
    ],
    ['kb.publish', { articleId: ids.ticket2 }, [{ kind: 'article', id: ids.ticket2 }]],
    ['ci.create', { id: ids.ticket2, name: 'x', kind: 'host' }, [{ kind: 'ci', id: ids.ticket2 }]],
    [
      'ci.update',
      { ciId: ids.ticket2, fields: { name: 'y' }, base: { name: null } },
      [{ kind: 'ci', id: ids.ticket2 }],
    ],
  ];
  it.each(table)('%s', (name, args, refs) => {
    expect(readsFor(name, 1, args)).toEqual({ ok: true, refs });
  });

  it('covers the whole catalogue', () => {
    expect(table.map(([n]) => `${n}@1`).sort()).toEqual([...mutationRegistry.keys()].sort());
  });
});
