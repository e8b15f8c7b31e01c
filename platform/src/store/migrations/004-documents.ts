import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../dialect';

/**
 * PostgreSQL keeps the decision documents in the database (bytea), so every instance reads what any
 * instance stored; a decision cannot reference a document that is not there (foreign key), and a
 * document a decision uses cannot be removed. SQLite keeps them as files beside the store (no change).
 */
export const documents: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    if (!isPostgres(db)) return;
    await db.schema
      .createTable('documents')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('bytes', sql`bytea`, (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await sql`ALTER TABLE decisions ADD CONSTRAINT decisions_document
      FOREIGN KEY (document_sha256) REFERENCES documents (sha256)`.execute(db);
    await db.schema.createIndex('decisions_document').on('decisions').columns(['document_sha256']).execute();
  },
};
