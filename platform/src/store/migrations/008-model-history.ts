import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The models' history (issue 18): where each version came from (file, web, api) and why (comment),
 * who approved it; what the platform last saw of each file in bpmn/ (so a changed file never
 * silently replaces a version a person deployed); drafts waiting for a second pair of eyes.
 */
export const modelHistory: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('model_deployments')
      .addColumn('source', 'text', (c) => c.notNull().defaultTo('api'))
      .execute();
    await db.schema
      .alterTable('model_deployments')
      .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.alterTable('model_deployments').addColumn('approved_by', 'text').execute();
    await sql`UPDATE model_deployments SET source = 'file' WHERE deployed_by = 'system'`.execute(db);

    await db.schema
      .createTable('model_files')
      .addColumn('resource_name', 'text', (c) => c.primaryKey())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('xml', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .execute();

    await db.schema
      .createTable('model_drafts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('bpmn_process_id', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('xml', 'text', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull())
      .addColumn('base_version', 'integer')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('reviewed_by', 'text')
      .addColumn('reviewed_at', 'text')
      .addColumn('review_comment', 'text')
      .addColumn('deployed_version', 'integer')
      .addColumn('forms_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema
      .createIndex('model_drafts_status')
      .on('model_drafts')
      .columns(['status', 'updated_at'])
      .execute();
  },
};
