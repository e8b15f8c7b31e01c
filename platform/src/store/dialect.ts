import { PostgresAdapter, type Kysely } from 'kysely';

/** True when `db` (a Kysely instance or a transaction) talks to PostgreSQL; for migrations' few branches. */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
