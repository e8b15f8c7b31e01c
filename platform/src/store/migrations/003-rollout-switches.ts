import type { Kysely, Migration } from 'kysely';

/** Rollout switches: applied at once, scheduled on the engine's timer, cancelled, or rolled back. */
export const rolloutSwitches: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('rollout_switches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('province', 'text', (c) => c.notNull())
      .addColumn('arrondissement', 'text')
      .addColumn('live', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('resend_old_channel', 'integer', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requested_at', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('process_instance_key', 'text')
      .addColumn('done_at', 'text')
      .addColumn('done_by', 'text')
      .addColumn('table_version', 'integer')
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('rollout_switches_province')
      .on('rollout_switches')
      .columns(['province', 'requested_at'])
      .execute();
  },
};
