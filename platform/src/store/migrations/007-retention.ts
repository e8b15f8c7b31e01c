import type { Kysely, Migration } from 'kysely';

/**
 * Retention (issue 16): what is left of an erased case — the person as a keyed pseudonym, the ids
 * its audit entries name, why and when it was erased — and which ended cases already had their
 * engine history deleted.
 */
export const retention: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('erasures')
      .addColumn('decision_id', 'text', (c) => c.primaryKey())
      .addColumn('person_pseudonym', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('justification', 'text', (c) => c.notNull())
      .addColumn('ended_at', 'text')
      .addColumn('erased_at', 'text', (c) => c.notNull())
      .addColumn('erased_by', 'text', (c) => c.notNull())
      .addColumn('objects', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('erasures_person')
      .on('erasures')
      .columns(['person_pseudonym', 'erased_at'])
      .execute();
    await db.schema
      .createTable('engine_history_purges')
      .addColumn('decision_id', 'text', (c) => c.primaryKey())
      .addColumn('purged_at', 'text', (c) => c.notNull())
      .addColumn('instances', 'text', (c) => c.notNull())
      .execute();
  },
};
