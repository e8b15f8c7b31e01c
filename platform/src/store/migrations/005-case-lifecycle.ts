import type { Kysely, Migration } from 'kysely';

/**
 * The case's life (issue 15): the measure's period on the decision, what the parquet, a police zone
 * and a prison changed (revisions, revocation, moves, release) as rows the workers carry out once,
 * closed mandates, periodic reports, ended or updated signalements. Portable DDL (SQLite and PostgreSQL).
 */
export const caseLifecycle: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const decisions: Array<[string, 'text' | 'integer']> = [
      ['measure_start', 'text'],
      ['measure_end', 'text'],
      ['measure_duration', 'text'],
      ['released_at', 'text'],
      ['ended_at', 'text'],
    ];
    for (const [name, type] of decisions) {
      await db.schema.alterTable('decisions').addColumn(name, type).execute();
    }
    await db.schema
      .alterTable('decisions')
      .addColumn('awaiting_release', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('mandates').addColumn('closed_at', 'text').execute();
    await db.schema.alterTable('mandates').addColumn('close_reason', 'text').execute();
    await db.schema
      .alterTable('mandates')
      .addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('signalements').addColumn('updated_at', 'text').execute();
    await db.schema.alterTable('signalements').addColumn('ended_at', 'text').execute();
    await db.schema
      .createTable('decision_changes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('decision_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('by_user', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addColumn('payload_json', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'text')
      .execute();
    await db.schema
      .createIndex('decision_changes_decision')
      .on('decision_changes')
      .columns(['decision_id', 'at'])
      .execute();
  },
};
