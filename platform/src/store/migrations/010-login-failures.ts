import type { Kysely, Migration } from 'kysely';

/**
 * Failed logins per throttled key (an address or an account), shared by every instance on the
 * database, so N instances behind a proxy give an attacker the budget of one (auth/login-failures.ts).
 */
export const loginFailures: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('login_failures')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('last_failure_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('login_failures_last')
      .on('login_failures')
      .columns(['last_failure_at'])
      .execute();
  },
};
