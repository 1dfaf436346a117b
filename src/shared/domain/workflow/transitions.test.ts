import { describe, expect, it } from 'vitest';
import {
  actors,
  ids,
  makeChange,
  makeIncident,
  makeProblem,
  makeRequest,
  T0,
} from '../test-fixtures';
import { changeStates, incidentStates, problemStates, requestStates } from '../states';
import type { Ticket } from '../ticket';
import { checkTransition } from './transitions';
import type { TransitionInput } from './types';

/**
 * Every (state, target) pair of every workflow, generated from the state lists so a
 * new state cannot be forgotten. The expected edges are written out here, apart from
 * the implementation: anything not listed must be INVALID_TRANSITION.
 */
type Expect = 'ok' | 'GUARD_FAILED' | 'INVALID_TRANSITION';
interface Case {
  name: string;
  states: readonly string[];
  make: (state: string) => Ticket;
  edges: Record<string, Expect>;
}

const fullInput: TransitionInput = {
  holdReason: 'awaiting_vendor',
  resolution: { code: 'fixed', notes: 'Replaced the VPN profile.' },
  workaround: 'Reconnect with the backup gateway.',
};
const window = { plannedStart: T0 + 86_400_000, plannedEnd: T0 + 90_000_000 };
const approved = (emergency: boolean) => ({
  userId: ids.changeManager,
  decision: 'approved' as const,
  at: T0,
  comment: '',
  emergency,
});
const approval = (decision: 'approved' | 'rejected' | null) => ({
  required: true,
  decidedBy: decision ? ids.leadA : null,
  decidedAt: decision ? T0 : null,
  decision,
  comment: null,
});

const cases: Case[] = [
  {
    name: 'incident',
    states: incidentStates,
    make: (state) => makeIncident({ state: state as never }),
    edges: {
      'new>in_progress': 'ok',
      'new>cancelled': 'ok',
      'in_progress>on_hold': 'ok',
      'in_progress>resolved': 'ok',
      'in_progress>cancelled': 'ok',
      'on_hold>in_progress': 'ok',
      'on_hold>resolved': 'ok',
      'resolved>closed': 'ok',
      'resolved>in_progress': 'ok',
    },
  },
  {
    name: 'request without approval',
    states: requestStates,
    make: (state) => makeRequest({ state: state as never, approval: null }),
    edges: {
      'new>in_progress': 'ok',
      'new>cancelled': 'ok',
      'approval>in_progress': 'GUARD_FAILED',
      'approval>rejected': 'GUARD_FAILED',
      'approval>cancelled': 'ok',
      'in_progress>on_hold': 'ok',
      'in_progress>fulfilled': 'ok',
      'in_progress>cancelled': 'ok',
      'on_hold>in_progress': 'ok',
      'on_hold>fulfilled': 'ok',
      'on_hold>cancelled': 'ok',
      'fulfilled>closed': 'ok',
      'fulfilled>in_progress': 'ok',
    },
  },
  {
    name: 'request awaiting approval',
    states: requestStates,
    make: (state) => makeRequest({ state: state as never, approval: approval(null) }),
    edges: {
      'new>approval': 'ok',
      'new>cancelled': 'ok',
      'approval>in_progress': 'GUARD_FAILED',
      'approval>rejected': 'GUARD_FAILED',
      'approval>cancelled': 'ok',
      'in_progress>on_hold': 'ok',
      'in_progress>fulfilled': 'ok',
      'in_progress>cancelled': 'ok',
      'on_hold>in_progress': 'ok',
      'on_hold>fulfilled': 'ok',
      'on_hold>cancelled': 'ok',
      'fulfilled>closed': 'ok',
      'fulfilled>in_progress': 'ok',
    },
  },
  {
    name: 'request approved',
    states: requestStates,
    make: (state) => makeRequest({ state: state as never, approval: approval('approved') }),
    edges: {
      'new>in_progress': 'ok',
      'new>cancelled': 'ok',
      'approval>in_progress': 'ok',
      'approval>rejected': 'GUARD_FAILED',
      'approval>cancelled': 'ok',
      'in_progress>on_hold': 'ok',
      'in_progress>fulfilled': 'ok',
      'in_progress>cancelled': 'ok',
      'on_hold>in_progress': 'ok',
      'on_hold>fulfilled': 'ok',
      'on_hold>cancelled': 'ok',
      'fulfilled>closed': 'ok',
      'fulfilled>in_progress': 'ok',
    },
  },
  {
    name: 'request rejected by the approver',
    states: requestStates,
    make: (state) => makeRequest({ state: state as never, approval: approval('rejected') }),
    edges: {
      'new>cancelled': 'ok',
      'approval>in_progress': 'GUARD_FAILED',
      'approval>rejected': 'ok',
      'approval>cancelled': 'ok',
      'in_progress>on_hold': 'ok',
      'in_progress>fulfilled': 'ok',
      'in_progress>cancelled': 'ok',
      'on_hold>in_progress': 'ok',
      'on_hold>fulfilled': 'ok',
      'on_hold>cancelled': 'ok',
      'fulfilled>closed': 'ok',
      'fulfilled>in_progress': 'ok',
    },
  },
  {
    name: 'problem',
    states: problemStates,
    make: (state) => makeProblem({ state: state as never }),
    edges: {
      'new>assessed': 'ok',
      'assessed>root_cause_analysis': 'ok',
      'root_cause_analysis>known_error': 'ok',
      'known_error>resolved': 'ok',
      'resolved>closed': 'ok',
    },
  },
  {
    name: 'normal change (approved, window planned)',
    states: changeStates,
    make: (state) =>
      makeChange({
        state: state as never,
        changeKind: 'normal',
        approvals: [approved(false)],
        ...window,
      }),
    edges: {
      'new>assess': 'ok',
      'new>cancelled': 'ok',
      'assess>authorize': 'ok',
      'assess>cancelled': 'ok',
      'authorize>scheduled': 'ok',
      'authorize>cancelled': 'ok',
      'scheduled>implement': 'ok',
      'scheduled>cancelled': 'ok',
      'implement>review': 'ok',
      'implement>cancelled': 'ok',
      'review>closed': 'ok',
    },
  },
  {
    name: 'normal change without approval or window',
    states: changeStates,
    make: (state) => makeChange({ state: state as never, changeKind: 'normal' }),
    edges: {
      'new>assess': 'ok',
      'new>cancelled': 'ok',
      'assess>authorize': 'ok',
      'assess>cancelled': 'ok',
      'authorize>scheduled': 'GUARD_FAILED',
      'authorize>cancelled': 'ok',
      'scheduled>implement': 'ok',
      'scheduled>cancelled': 'ok',
      'implement>review': 'ok',
      'implement>cancelled': 'ok',
      'review>closed': 'ok',
    },
  },
  {
    name: 'standard change',
    states: changeStates,
    make: (state) => makeChange({ state: state as never, changeKind: 'standard', ...window }),
    edges: {
      'new>scheduled': 'ok',
      'new>cancelled': 'ok',
      'assess>authorize': 'ok',
      'assess>cancelled': 'ok',
      'authorize>scheduled': 'GUARD_FAILED',
      'authorize>cancelled': 'ok',
      'scheduled>implement': 'ok',
      'scheduled>cancelled': 'ok',
      'implement>review': 'ok',
      'implement>cancelled': 'ok',
      'review>closed': 'ok',
    },
  },
  {
    name: 'emergency change (emergency approval)',
    states: changeStates,
    make: (state) =>
      makeChange({
        state: state as never,
        changeKind: 'emergency',
        approvals: [approved(true)],
        ...window,
      }),
    edges: {
      'new>authorize': 'ok',
      'new>cancelled': 'ok',
      'assess>authorize': 'ok',
      'assess>cancelled': 'ok',
      'authorize>scheduled': 'ok',
      'authorize>cancelled': 'ok',
      'scheduled>implement': 'ok',
      'scheduled>cancelled': 'ok',
      'implement>review': 'ok',
      'implement>cancelled': 'ok',
      'review>closed': 'ok',
    },
  },
];

describe.each(cases)('$name: every (state, target) pair', ({ states, make, edges }) => {
  it('lists only real states in its expectations', () => {
    for (const key of Object.keys(edges)) {
      const [from, to] = key.split('>');
      expect(states).toContain(from);
      expect(states).toContain(to);
    }
  });

  const pairs = states.flatMap((from) => states.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s', (from, to) => {
    const ticket = make(from);
    const r = checkTransition(ticket, to, fullInput, actors.admin);
    const expected = edges[`${from}>${to}`] ?? 'INVALID_TRANSITION';
    if (expected === 'ok') expect(r).toMatchObject({ ok: true });
    else expect(r).toMatchObject({ ok: false, error: { code: expected } });
  });
});

describe('the state lists themselves', () => {
  it('contain the states DOMAIN.md names', () => {
    expect(incidentStates).toEqual([
      'new',
      'in_progress',
      'on_hold',
      'resolved',
      'closed',
      'cancelled',
    ]);
    expect(problemStates).toEqual([
      'new',
      'assessed',
      'root_cause_analysis',
      'known_error',
      'resolved',
      'closed',
    ]);
    expect(changeStates).toEqual([
      'new',
      'assess',
      'authorize',
      'scheduled',
      'implement',
      'review',
      'closed',
      'cancelled',
    ]);
    expect(requestStates).toEqual([
      'new',
      'approval',
      'in_progress',
      'on_hold',
      'fulfilled',
      'closed',
      'rejected',
      'cancelled',
    ]);
  });
});

it('a state that is not part of the type is rejected naming it', () => {
  const r = checkTransition(makeIncident(), 'known_error', fullInput, actors.admin);
  expect(r).toEqual({
    ok: false,
    error: {
      code: 'INVALID_TRANSITION',
      message: '"known_error" is not a state of an incident',
      field: 'to',
    },
  });
});
