import type { ComponentType, ReactNode } from 'react';
import { hasRole, type Role } from '../../shared/domain/accounts';
import { isStaff } from '../../shared/domain/access';
import { QueuesPage } from '../features/admin/queues-page';
import { NewIncidentPage } from '../features/create/incident-form';
import { NewRequestPage } from '../features/create/request-form';
import { UsersPage } from '../features/admin/users-page';
import {
  BreachingPage,
  MyWorkPage,
  QueueViewPage,
  RecordTypePage,
  SavedViewPage,
  UnassignedPage,
} from '../features/queues/queue-routes';
import { IconClock, IconInbox, IconUnassigned } from '../features/queues/queue-icons';
import { KnowledgePage } from '../features/records/knowledge-page';
import { RecordPage, type RecordPageSpec } from '../features/records/record-page';
import { ReportsPage } from '../features/reports/reports-page';
import { PortalHome } from '../features/portal/portal-home';
import {
  PORTAL_HOME,
  PORTAL_NEW_PROBLEM,
  PORTAL_NEW_REQUEST,
  portalTicketPath,
} from '../features/portal/portal-paths';
import { PortalTicketPage } from '../features/portal/portal-ticket';
import { ReportProblemPage } from '../features/portal/report-problem';
import { RequestSomethingPage } from '../features/portal/request-something';
import { SettingsPage } from '../features/settings/settings-page';
import { TicketPage } from '../features/ticket/ticket-page';
import type { TicketType } from '../../shared/domain/states';
import type { Profile } from '../session/profile-cache';
import {
  IconChange,
  IconIncident,
  IconKnowledge,
  IconProblem,
  IconQueues,
  IconReports,
  IconRequest,
  IconUsers,
  type IconProps,
} from '../ui/icons';
import { matchPath, type Params } from './router';

export type NavSection = 'work' | 'desk' | 'insight' | 'admin';

export interface AppRoute {
  id: string;
  /** Hash path pattern, `:name` for parameters. */
  path: string;
  /** Document title part. */
  title: string;
  /** Present when the route has an entry in the left navigation. */
  nav?: {
    label: string;
    section: NavSection;
    icon: ComponentType<IconProps>;
    /** Second key of the `g <key>` shortcut. */
    shortcut?: string;
  };
  /** Role needed to open it (the hub enforces; the UI only hides). */
  requires?: Role;
  /**
   * Requester-only users (the portal) may open it. They open nothing else:
   * other links send them to the portal (redirectFor).
   */
  openToRequesters?: boolean;
  render: (params: Params) => ReactNode;
}

export const HOME_PATH = '/incidents';

const record = (id: string, path: string, shortcut: string, spec: RecordPageSpec): AppRoute => ({
  id,
  path,
  title: spec.title,
  nav: {
    label: spec.title,
    section: id === 'reports' ? 'insight' : 'desk',
    icon: spec.icon,
    shortcut,
  },
  render: () => <RecordPage spec={spec} />,
});

/** A record section whose page is the queue view of that ticket type. */
const typeQueue = (
  id: string,
  path: string,
  shortcut: string,
  type: TicketType,
  spec: RecordPageSpec,
): AppRoute => ({
  ...record(id, path, shortcut, spec),
  render: () => <RecordTypePage spec={{ ...spec, type }} />,
});

/**
 * The route table. A new feature adds one entry here (and, for a section in
 * the navigation, a `nav` with an icon and a free shortcut key).
 */
export const routes: readonly AppRoute[] = [
  {
    id: 'work',
    path: '/work',
    title: 'My work',
    nav: { label: 'My work', section: 'work', icon: IconInbox, shortcut: 'w' },
    render: () => <MyWorkPage />,
  },
  {
    id: 'unassigned',
    path: '/unassigned',
    title: 'Unassigned',
    nav: { label: 'Unassigned', section: 'work', icon: IconUnassigned, shortcut: 'n' },
    render: () => <UnassignedPage />,
  },
  {
    id: 'breaching',
    path: '/breaching',
    title: 'Breaching soon',
    nav: { label: 'Breaching soon', section: 'work', icon: IconClock, shortcut: 'b' },
    render: () => <BreachingPage />,
  },
  {
    id: 'queue',
    path: '/queues/:queueId',
    title: 'Queue',
    render: (params) => <QueueViewPage queueId={params.queueId!} />,
  },
  {
    id: 'saved-view',
    path: '/views/:viewId',
    title: 'Saved view',
    render: (params) => <SavedViewPage viewId={params.viewId!} />,
  },
  typeQueue('incidents', '/incidents', 'i', 'incident', {
    title: 'Incidents',
    description: 'Unplanned interruptions and degradations, in the queues you work.',
    emptyTitle: 'No incidents in your queues yet',
    emptyText:
      'Incidents logged for your queues will appear here, most urgent first, with their priority and SLA clock. You will be able to log and work on them offline; changes reach the hub when it is reachable.',
    icon: IconIncident,
    queueScoped: true,
  }),
  typeQueue('requests', '/requests', 'r', 'request', {
    title: 'Requests',
    description: 'Service requests raised from the catalogue: access, hardware, software.',
    emptyTitle: 'No service requests in your queues yet',
    emptyText:
      'Requests for your queues will appear here with their approval and fulfilment state, so you can see what is waiting for whom.',
    icon: IconRequest,
    queueScoped: true,
  }),
  typeQueue('problems', '/problems', 'p', 'problem', {
    title: 'Problems',
    description: 'Root causes behind recurring incidents, and known errors with workarounds.',
    emptyTitle: 'No problems recorded yet',
    emptyText:
      'Problems group related incidents while the root cause is found. Known errors and their workarounds will be listed here and shown on every linked incident.',
    icon: IconProblem,
    queueScoped: true,
  }),
  typeQueue('changes', '/changes', 'c', 'change', {
    title: 'Changes',
    description: 'Standard, normal and emergency changes to services and configuration items.',
    emptyTitle: 'No changes planned yet',
    emptyText:
      'Changes will appear here with their planned window, risk, backout plan and CAB approvals, and a calendar that shows collisions on the same configuration item.',
    icon: IconChange,
    queueScoped: true,
  }),
  {
    ...record('knowledge', '/knowledge', 'k', {
      title: 'Knowledge',
      description: 'How-tos, known errors and workarounds to link from tickets.',
      emptyTitle: 'No knowledge articles yet',
      emptyText: '',
      icon: IconKnowledge,
      queueScoped: false,
    }),
    render: () => <KnowledgePage />,
  },
  {
    ...record('reports', '/reports', 'm', {
      title: 'Reports',
      description: 'Backlog, MTTR and SLA attainment, computed on this device.',
      emptyTitle: 'No tickets on this device yet',
      emptyText: '',
      icon: IconReports,
      queueScoped: false,
    }),
    render: () => <ReportsPage />,
  },
  {
    id: 'new-incident',
    path: '/new/incident',
    title: 'New incident',
    render: () => <NewIncidentPage />,
  },
  {
    id: 'new-request',
    path: '/new/request',
    title: 'New service request',
    render: () => <NewRequestPage />,
  },
  {
    id: 'ticket',
    path: '/tickets/:id',
    title: 'Ticket',
    render: (params) => <TicketPage key={params.id} ticketId={params.id!} />,
  },
  {
    id: 'settings',
    path: '/settings',
    title: 'Settings',
    openToRequesters: true,
    render: () => <SettingsPage />,
  },
  {
    id: 'portal',
    path: PORTAL_HOME,
    title: 'My requests',
    openToRequesters: true,
    render: () => <PortalHome />,
  },
  {
    id: 'portal-new-problem',
    path: PORTAL_NEW_PROBLEM,
    title: 'Report a problem',
    openToRequesters: true,
    render: () => <ReportProblemPage />,
  },
  {
    id: 'portal-new-request',
    path: PORTAL_NEW_REQUEST,
    title: 'Request something',
    openToRequesters: true,
    render: () => <RequestSomethingPage />,
  },
  {
    id: 'portal-ticket',
    path: '/portal/tickets/:id',
    title: 'My request',
    openToRequesters: true,
    render: (params) => <PortalTicketPage key={params.id} ticketId={params.id!} />,
  },
  {
    id: 'admin-users',
    path: '/admin/users',
    title: 'Users',
    nav: { label: 'Users', section: 'admin', icon: IconUsers, shortcut: 'u' },
    requires: 'admin',
    render: () => <UsersPage />,
  },
  {
    id: 'admin-queues',
    path: '/admin/queues',
    title: 'Queues',
    nav: { label: 'Queues', section: 'admin', icon: IconQueues, shortcut: 'q' },
    requires: 'admin',
    render: () => <QueuesPage />,
  },
];

/** `/admin` on its own lands on its first page. */
export const redirects: Readonly<Record<string, string>> = { '/admin': '/admin/users' };

/** Staff open what their roles allow; requester-only users open the portal (and Settings). */
export const canOpen = (user: Pick<Profile, 'roles'>, route: AppRoute): boolean =>
  isStaff(user)
    ? route.requires === undefined || hasRole(user, route.requires)
    : route.openToRequesters === true;

/** Where `/` leads: the agent workspace, or the portal for requester-only users. */
export const homeFor = (user: Pick<Profile, 'roles'>): string =>
  isStaff(user) ? HOME_PATH : PORTAL_HOME;

/**
 * Requester-only users live in the portal: a ticket link opens the portal's
 * page for it, and an agent page sends them to the portal's home instead of
 * a "needs a role" notice about screens that are not meant for them.
 */
export const redirectFor = (user: Pick<Profile, 'roles'>, path: string): string | null => {
  if (isStaff(user)) return null;
  const ticket = matchPath('/tickets/:id', path);
  if (ticket) return portalTicketPath(ticket.id!);
  const route = routes.find((r) => matchPath(r.path, path) !== null);
  return route && !route.openToRequesters ? PORTAL_HOME : null;
};

export const navRoutes = (user: Pick<Profile, 'roles'>, section: NavSection): AppRoute[] =>
  routes.filter((r) => r.nav?.section === section && canOpen(user, r));
