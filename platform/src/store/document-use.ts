import type { Db } from './database';
import type { Documents } from './document-store';

/** PostgreSQL's error code for a foreign-key violation. */
export const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Removes a document no decision uses: after an erasure (at once, and again from the outbox), and
 * when the upload that stored it did not commit. It waits for this process's uploads of the same
 * document in flight (DocumentHolds), so the check and the removal cannot fall between an upload's
 * `put` and its commit. On PostgreSQL the foreign key also refuses to remove a document another
 * instance's decision uses.
 */
export async function removeDocumentIfUnused(
  ctx: { db: Db; documents: Documents },
  sha256: string,
): Promise<void> {
  await ctx.documents.holds.alone(sha256, async () => {
    const used = await ctx.db
      .selectFrom('decisions')
      .select('id')
      .where('document_sha256', '=', sha256)
      .executeTakeFirst();
    if (!used) await ctx.documents.remove(sha256);
  });
}

/**
 * Whether a decision's insert failed because its document was removed after the upload's `put`
 * found it: another PostgreSQL instance erased the last case that used it, in between. The upload
 * stores the document again and retries.
 */
export function documentRemovedMeanwhile(e: unknown): boolean {
  const pg = e as { code?: string; constraint?: string };
  return pg.code === FOREIGN_KEY_VIOLATION && pg.constraint === 'decisions_document';
}
