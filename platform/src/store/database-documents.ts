import { relaxedStatement, type Db } from './database';
import { DocumentHolds } from './document-holds';
import { sha256Hex, type Documents } from './document-store';
import { FOREIGN_KEY_VIOLATION } from './document-use';

/**
 * Decision documents in the database (PostgreSQL, table `documents`): every instance reads what any
 * instance stored, backups and standbys carry them with the rows, and nothing else needs sharing.
 * The size limit (IPLUS_MAX_DOCUMENT_BYTES, 10 MiB by default) is checked before `put`.
 *
 * A document commits on its own before the decision row that uses it, as with files. The foreign key
 * decisions → documents makes the clean-up safe with several instances: removing a document that a
 * concurrent upload is about to use waits for that upload's transaction and then fails, so a
 * committed decision never loses its document.
 */
export class DatabaseDocuments implements Documents {
  readonly holds = new DocumentHolds();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    /** Documents younger than this are left to the upload that is storing them. */
    private readonly sweepAfterMs = 60 * 60 * 1000,
  ) {}

  /**
   * Commits without waiting for the disk (the upload's own wait would otherwise be two fsyncs in a
   * row): a document matters only through the decision that uses it, whose transaction commits after
   * this one and is durable, and PostgreSQL flushes its WAL in order, so the decision's flush covers
   * the document too. A document whose decision never commits is an orphan either way (`sweep`).
   * One insert of a key derived from the content, with ON CONFLICT: a statement on its own.
   */
  async put(data: Buffer): Promise<{ sha256: string; created: boolean }> {
    const sha256 = sha256Hex(data);
    const inserted = await relaxedStatement(this.db, (db) =>
      db
        .insertInto('documents')
        .values({ sha256, bytes: data, size: data.length, created_at: this.now().toISOString() })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .returning('sha256')
        .executeTakeFirst(),
    );
    return { sha256, created: inserted !== undefined };
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    const row = await this.db
      .selectFrom('documents')
      .select('bytes')
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return row?.bytes;
  }

  async remove(sha256: string): Promise<void> {
    await this.removeUnused(sha256);
  }

  private async removeUnused(sha256: string): Promise<boolean> {
    try {
      const r = await this.db.deleteFrom('documents').where('sha256', '=', sha256).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    } catch (e) {
      // A decision uses it (committed meanwhile, perhaps by another instance): it stays.
      if ((e as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw e;
      return false;
    }
  }

  /** Removes documents no decision uses, older than an upload takes (`isReferenced` is not needed: SQL says). */
  async sweep(): Promise<number> {
    const before = new Date(this.now().getTime() - this.sweepAfterMs).toISOString();
    const orphans = await this.db
      .selectFrom('documents')
      .select('sha256')
      .where('created_at', '<', before)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('decisions')
              .select('id')
              .whereRef('decisions.document_sha256', '=', 'documents.sha256'),
          ),
        ),
      )
      .execute();
    let removed = 0;
    for (const o of orphans) if (await this.removeUnused(o.sha256)) removed++;
    return removed;
  }
}
