import type { Kysely, Migration } from 'kysely';

/** Camunda Forms deployed with a process (user tasks' forms), every version with who deployed it. */
export const taskForms: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('task_forms')
      .addColumn('form_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('form_key', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('schema_json', 'text', (c) => c.notNull())
      .addColumn('deployed_at', 'text', (c) => c.notNull())
      .addColumn('deployed_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('task_forms_pk', ['form_id', 'version'])
      .execute();
  },
};
