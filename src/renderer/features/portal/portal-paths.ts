/** Where the portal's pages live (hash routes; routes.tsx maps them to pages). */
export const PORTAL_HOME = '/portal';
export const PORTAL_NEW_PROBLEM = '/portal/new/problem';
export const PORTAL_NEW_REQUEST = '/portal/new/request';
export const portalTicketPath = (id: string): string => `/portal/tickets/${encodeURIComponent(id)}`;
