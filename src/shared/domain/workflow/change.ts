import { changeStates } from '../states';
import type { Change } from '../ticket';
import type { Blocker, Workflow } from './types';

const windowMissing = (t: Change): Blocker | null =>
  t.plannedStart === null || t.plannedEnd === null
    ? {
        field: t.plannedStart === null ? 'plannedStart' : 'plannedEnd',
        message: 'scheduling needs a planned start and end',
      }
    : null;

/** CAB rule: at least one approval, any rejection blocks; emergencies need an emergency approval. */
const approvalMissing = (t: Change): Blocker | null => {
  if (t.approvals.some((a) => a.decision === 'rejected')) {
    return {
      field: 'approvals',
      message: 'the change was rejected by the CAB and cannot be scheduled',
    };
  }
  const approved = t.approvals.filter((a) => a.decision === 'approved');
  if (t.changeKind === 'emergency' && !approved.some((a) => a.emergency)) {
    return {
      field: 'approvals',
      message: 'an emergency change needs an emergency approval from a change manager',
    };
  }
  if (approved.length === 0) {
    return { field: 'approvals', message: 'the change needs at least one CAB approval' };
  }
  return null;
};

const onlyFor = (kinds: Change['changeKind'][], reason: string) => (t: Change) =>
  kinds.includes(t.changeKind) ? null : reason;

/**
 * Change (DOMAIN.md): New → Assess → Authorize → Scheduled → Implement → Review →
 * Closed. Standard changes are pre-approved and go New → Scheduled; emergency changes
 * skip Assess. Cancelled is possible up to and including Implement.
 */
export const changeWorkflow: Workflow<Change> = {
  type: 'change',
  states: changeStates,
  transitions: {
    new: [
      { to: 'assess', allowed: onlyFor(['normal'], 'only a normal change is assessed') },
      {
        to: 'authorize',
        allowed: onlyFor(
          ['emergency'],
          'a normal change is assessed before authorization; a standard one is pre-approved',
        ),
      },
      {
        to: 'scheduled',
        allowed: onlyFor(
          ['standard'],
          'only a pre-approved standard change is scheduled without authorization',
        ),
        blocked: windowMissing,
      },
      { to: 'cancelled' },
    ],
    assess: [{ to: 'authorize' }, { to: 'cancelled' }],
    authorize: [
      { to: 'scheduled', blocked: (t) => approvalMissing(t) ?? windowMissing(t) },
      { to: 'cancelled' },
    ],
    scheduled: [{ to: 'implement' }, { to: 'cancelled' }],
    implement: [{ to: 'review' }, { to: 'cancelled' }],
    review: [{ to: 'closed' }],
    closed: [],
    cancelled: [],
  },
};
