import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Marks demo accounts (issue 12): `users.demo` is 1 for an account seeded by IPLUS_DEMO. Data folders
 * seeded before this migration are recognised by the API token the seeding labelled `demo`.
 */
export const demoAccounts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('users')
      .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`UPDATE users SET demo = 1
      WHERE name IN (SELECT user_name FROM api_tokens WHERE label = 'demo')`.execute(db);
  },
};
