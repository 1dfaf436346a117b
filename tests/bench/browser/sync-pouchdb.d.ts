/** The slice of pouchdb-browser the bootstrap benchmark uses (the package ships no types). */
declare module 'pouchdb-browser' {
  interface ReplicationResult {
    ok: boolean;
    docs_read: number;
    docs_written: number;
    doc_write_failures: number;
  }
  interface Replication extends Promise<ReplicationResult> {
    on(event: 'change', listener: (info: { docs_written: number }) => void): Replication;
  }
  interface Database {
    replicate: {
      from(source: string, options?: { batch_size?: number; batches_limit?: number }): Replication;
    };
    info(): Promise<{ doc_count: number; adapter: string }>;
    destroy(): Promise<void>;
    close(): Promise<void>;
  }
  const PouchDB: { new (name: string, options?: { auto_compaction?: boolean }): Database };
  export default PouchDB;
}
