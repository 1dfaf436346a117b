import type { QueueId, TicketId, UserId } from '../ids';
import { formatHlc, type Hlc } from '../sync/hlc';
import type { Actor } from './actor';
import type { Change, Incident, Problem, ServiceRequest, Ticket } from './ticket';

/**
 * Valid records and actors for tests across src/shared (and other layers' tests).
 * Ids are fixed UUIDs so failures print readable values.
 */
export const T0 = Date.UTC(2025, 2, 3, 9, 0, 0); // Monday 3 March 2025, 09:00 UTC
export const uuid = (n: number): string => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
export const stamp = (offsetMs: number, node = 'client-a', counter = 0): Hlc =>
  formatHlc({ wallMs: T0 + offsetMs, counter, nodeId: node });

export const ids = {
  queueA: uuid(101) as QueueId,
  queueB: uuid(102) as QueueId,
  admin: uuid(201) as UserId,
  agentA: uuid(202) as UserId,
  agentB: uuid(203) as UserId,
  leadA: uuid(204) as UserId,
  requester: uuid(205) as UserId,
  otherRequester: uuid(206) as UserId,
  changeManager: uuid(207) as UserId,
  ticket: uuid(301) as TicketId,
  ticket2: uuid(302) as TicketId,
} as const;

export const actors: Record<
  'admin' | 'agentA' | 'agentB' | 'leadA' | 'requester' | 'otherRequester' | 'changeManager',
  Actor
> = {
  admin: { userId: ids.admin, roles: ['admin'], queueIds: [] },
  agentA: { userId: ids.agentA, roles: ['agent'], queueIds: [ids.queueA] },
  agentB: { userId: ids.agentB, roles: ['agent'], queueIds: [ids.queueB] },
  leadA: { userId: ids.leadA, roles: ['agent', 'lead'], queueIds: [ids.queueA] },
  requester: { userId: ids.requester, roles: ['requester'], queueIds: [] },
  otherRequester: { userId: ids.otherRequester, roles: ['requester'], queueIds: [] },
  changeManager: { userId: ids.changeManager, roles: ['change_manager'], queueIds: [] },
};

const base = (state: string) => ({
  id: ids.ticket,
  number: null,
  title: 'VPN drops every 10 minutes',
  description: 'Since Monday the VPN client disconnects.',
  requesterId: ids.requester,
  assigneeId: null,
  queueId: ids.queueA,
  category: 'network',
  impact: 2 as const,
  urgency: 2 as const,
  priority: 3 as const,
  ciId: null,
  tags: [],
  state,
  holdReason: state === 'on_hold' ? ('awaiting_caller' as const) : null,
  resolution: null,
  reopenCount: 0,
  createdAt: T0,
  updatedAt: T0,
  createdBy: ids.requester,
  stamps: {},
  events: [
    {
      kind: 'created' as const,
      at: T0,
      by: ids.requester,
      state: 'new',
      priority: 3 as const,
      queueId: ids.queueA,
    },
  ],
});

export const makeIncident = (o: Partial<Incident> = {}): Incident =>
  ({ ...base(o.state ?? 'new'), type: 'incident', ...o }) as Incident;

export const makeRequest = (o: Partial<ServiceRequest> = {}): ServiceRequest =>
  ({
    ...base(o.state ?? 'new'),
    type: 'request',
    catalogItemId: uuid(401),
    requestFields: {},
    approval: null,
    ...o,
  }) as ServiceRequest;

export const makeProblem = (o: Partial<Problem> = {}): Problem =>
  ({
    ...base(o.state ?? 'new'),
    requesterId: ids.agentA,
    createdBy: ids.agentA,
    type: 'problem',
    knownError: null,
    rootCause: '',
    ...o,
  }) as Problem;

export const makeChange = (o: Partial<Change> = {}): Change =>
  ({
    ...base(o.state ?? 'new'),
    requesterId: ids.agentA,
    createdBy: ids.agentA,
    type: 'change',
    changeKind: 'normal',
    risk: 'medium',
    plannedStart: null,
    plannedEnd: null,
    backoutPlan: 'Restore the previous firmware image.',
    implementationPlan: 'Upgrade the firewall firmware.',
    approvals: [],
    ...o,
  }) as Change;

export const makeTicket = (type: Ticket['type'], o: Partial<Ticket> = {}): Ticket => {
  switch (type) {
    case 'incident':
      return makeIncident(o as Partial<Incident>);
    case 'request':
      return makeRequest(o as Partial<ServiceRequest>);
    case 'problem':
      return makeProblem(o as Partial<Problem>);
    case 'change':
      return makeChange(o as Partial<Change>);
  }
};
