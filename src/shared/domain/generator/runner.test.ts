import { describe, expect, it } from 'vitest';
import { defaultDomainSettings } from '../settings';
import { createDataset } from './dataset';
import { ticketRunner } from './runner';

const NOW = Date.UTC(2025, 5, 30, 12);

describe('ticket runner', () => {
  const ds = createDataset({ seed: 9, tickets: 0, nowMs: NOW, requesters: 3, agents: 25 });
  const requester = ds.requesters[0]!;
  const create = {
    id: '0190a1b2-0000-7000-8000-000000000301',
    title: 'Printer offline',
    queueId: ds.queues[0]!.id,
    impact: 3,
    urgency: 3,
    requesterId: requester.id,
  };

  it('stops at now and keeps steps at least a second apart', () => {
    const r = ticketRunner(defaultDomainSettings, NOW - 5_000, NOW);
    expect(r.advance(NOW - 5_000)).toBe(true);
    expect(r.advance(NOW - 5_000)).toBe(true);
    expect(r.time).toBe(NOW - 4_000);
    expect(r.advance(NOW + 1)).toBe(false);
    expect(r.time).toBe(NOW - 4_000);
  });

  it('records what the real mutation produced', () => {
    const r = ticketRunner(defaultDomainSettings, NOW - 60_000, NOW);
    expect(() => r.ticket()).toThrow(/no ticket has been created yet/);
    r.advance(NOW - 60_000);
    r.run('incident.create', requester, create);
    expect(r.result()).toMatchObject({
      ticket: { state: 'new', priority: 5, createdAt: NOW - 60_000 },
      comments: [],
    });
  });

  it('throws with the domain error when the app would refuse the step', () => {
    const r = ticketRunner(defaultDomainSettings, NOW - 60_000, NOW);
    r.advance(NOW - 60_000);
    r.run('incident.create', requester, create);
    r.advance(NOW - 30_000);
    // A requester may not start work on their own incident.
    expect(() =>
      r.run('ticket.transition', requester, {
        ticketId: create.id,
        from: 'new',
        to: 'in_progress',
      }),
    ).toThrow(/ticket\.transition by .* was refused: FORBIDDEN/);
  });
});
