import { requestStates } from '../states';
import type { ServiceRequest } from '../ticket';
import type { Workflow } from './types';

const needsApproval = (t: ServiceRequest): boolean => t.approval?.required === true;
const decision = (t: ServiceRequest) => t.approval?.decision ?? null;

/**
 * Service request (DOMAIN.md): New → Approval (only if the catalogue item needs it) →
 * In Progress ⇄ On Hold → Fulfilled → Closed; Rejected; Cancelled. The approval
 * decision itself is recorded by request.approve, which then takes the
 * Approval → In Progress / Rejected edge; those edges refuse to run without it.
 * Fulfilled → In Progress is the requester saying "this is not what I asked for".
 */
export const requestWorkflow: Workflow<ServiceRequest> = {
  type: 'request',
  states: requestStates,
  transitions: {
    new: [
      {
        to: 'approval',
        allowed: (t) =>
          needsApproval(t) && decision(t) === null ? null : 'this request needs no approval',
      },
      {
        to: 'in_progress',
        allowed: (t) =>
          needsApproval(t) && decision(t) !== 'approved'
            ? 'this request must be approved before work starts'
            : null,
      },
      { to: 'cancelled', requester: true },
    ],
    approval: [
      {
        to: 'in_progress',
        blocked: (t) =>
          decision(t) === 'approved'
            ? null
            : { field: 'approval', message: 'the request has not been approved yet' },
      },
      {
        to: 'rejected',
        blocked: (t) =>
          decision(t) === 'rejected'
            ? null
            : { field: 'approval', message: 'only an approver can reject a request' },
      },
      { to: 'cancelled', requester: true },
    ],
    in_progress: [
      { to: 'on_hold', needs: () => ['holdReason'] },
      { to: 'fulfilled' },
      { to: 'cancelled' },
    ],
    on_hold: [{ to: 'in_progress' }, { to: 'fulfilled' }, { to: 'cancelled' }],
    fulfilled: [
      { to: 'closed', requester: true },
      { to: 'in_progress', reopen: true, requester: true },
    ],
    closed: [],
    rejected: [],
    cancelled: [],
  },
};
