/**
 * True when a driver error is a unique-constraint violation, on either
 * dialect (better-sqlite3 codes SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY, PostgreSQL
 * SQLSTATE 23505). Used as the race-safe backstop behind friendly pre-checks.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
