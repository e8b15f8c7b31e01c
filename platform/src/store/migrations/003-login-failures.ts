import type { Kysely, Migration } from 'kysely';

/** Failed logins per user name, so the login throttle holds across platform instances. */
export const loginFailures: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('login_failures')
      .addColumn('user_name', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('login_failures_user')
      .on('login_failures')
      .columns(['user_name', 'at'])
      .execute();
    await db.schema.createIndex('login_failures_at').on('login_failures').columns(['at']).execute();
  },
};
