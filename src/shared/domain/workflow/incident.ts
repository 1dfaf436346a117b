import { incidentStates } from '../states';
import type { Incident } from '../ticket';
import type { Workflow } from './types';

/**
 * Incident (DOMAIN.md): New → In Progress ⇄ On Hold(reason) → Resolved → Closed;
 * Resolved → In Progress is a reopen; New | In Progress → Cancelled.
 */
export const incidentWorkflow: Workflow<Incident> = {
  type: 'incident',
  states: incidentStates,
  transitions: {
    new: [{ to: 'in_progress' }, { to: 'cancelled', requester: true }],
    in_progress: [
      { to: 'on_hold', needs: () => ['holdReason'] },
      { to: 'resolved', needs: () => ['resolution'] },
      { to: 'cancelled' },
    ],
    on_hold: [{ to: 'in_progress' }, { to: 'resolved', needs: () => ['resolution'] }],
    resolved: [
      { to: 'closed', requester: true },
      { to: 'in_progress', reopen: true, requester: true },
    ],
    closed: [],
    cancelled: [],
  },
};
