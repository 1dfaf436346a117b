/** Row shapes of the sync tables (migration 0003-sync). JSON is text, booleans 0/1. */
export interface CountersTable {
  name: string;
  value: number;
}

export interface TicketsTable {
  id: string;
  type: string;
  number: string | null;
  queue_id: string;
  requester_id: string;
  state: string;
  updated_at: number;
  data: string;
}

export interface TicketChildrenTable {
  id: string;
  entity: 'comment' | 'worklog' | 'attachment' | 'link';
  ticket_id: string;
  other_ticket_id: string | null;
  internal: number;
  created_at: number;
  data: string;
}

export interface RecordsTable {
  entity: string;
  id: string;
  user_id: string | null;
  updated_at: number;
  data: string;
}

export interface ChangesTable {
  seq: number;
  entity: string;
  entity_id: string;
  op: 'put' | 'remove';
  queue_id: string | null;
  requester_id: string | null;
  internal: number;
  user_id: string | null;
  global: number;
  data: string | null;
  created_at: number;
}

export interface SyncClientsTable {
  client_id: string;
  user_id: string;
  last_mutation_id: number;
  created_at: number;
  last_seen_at: number;
}

export interface MutationResultsTable {
  client_id: string;
  mutation_id: number;
  name: string;
  status: 'applied' | 'rejected';
  error: string | null;
  clamped_from: string | null;
  applied_at: number;
}

export interface SyncTables {
  counters: CountersTable;
  tickets: TicketsTable;
  ticket_children: TicketChildrenTable;
  records: RecordsTable;
  changes: ChangesTable;
  sync_clients: SyncClientsTable;
  mutation_results: MutationResultsTable;
}
