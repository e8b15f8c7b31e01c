import { randomBytes } from 'node:crypto';
import type { Principal } from '../auth/roles';
import { ManualClock } from '../clock';
import { composeServiceContext } from '../compose-context';
import { uploadDecision } from '../decisions/upload-decision';
import { silentLogger } from '../logger';
import { Outbox } from '../outbox/outbox';
import type { ServiceContext } from '../service-context';
import type { Documents } from '../store/document-store';
import { removeDocumentIfUnused } from '../store/document-use';
import { cominesDecision, samplePdf } from '../__fixtures__/sample-decision';
import { eachTestContext } from '../__fixtures__/test-context';
import { testDatabase } from '../__fixtures__/test-store';
import { eraseCase } from './erase-case';
import { Pseudonyms } from './pseudonyms';

const admin: Principal = { user: 'admin', role: 'admin', agencyId: 'IPLUS', language: 'en', via: 'token' };

/**
 * The documents of `documents`, whose `put` stops once it has stored (or found) the bytes until
 * `go()`: the moment between an upload's `put` and its commit.
 */
function pausedAfterPut(documents: Documents) {
  let go = (): void => undefined;
  const gate = new Promise<void>((r) => (go = r));
  let reached = (): void => undefined;
  const putDone = new Promise<void>((r) => (reached = r));
  const paused: Documents = {
    holds: documents.holds,
    put: async (d) => {
      const stored = await documents.put(d);
      reached();
      await gate;
      return stored;
    },
    get: (s) => documents.get(s),
    remove: (s) => documents.remove(s),
    sweep: (r) => documents.sweep(r),
  };
  return { paused, putDone, go };
}

const erase = (ctx: ServiceContext, decisionId: string) =>
  eraseCase(
    {
      ctx,
      engine: {
        deleteInstance: async () => 'not_found' as const,
        cancelInstance: async () => undefined,
        instancesOfCase: async () => [],
      },
      pseudonyms: new Pseudonyms(randomBytes(32)),
    },
    decisionId,
    {
      reason: 'request',
      justification: 'entered by mistake',
      actor: { user: 'admin', agencyId: 'IPLUS' },
      endedAt: null,
    },
  );

/** Runs the `remove_document` items the erasure queued, as the outbox would later. */
async function runQueuedRemovals(ctx: ServiceContext): Promise<number> {
  const outbox = new Outbox(ctx.db, ctx.clock, silentLogger);
  outbox.handle('remove_document', (p) => removeDocumentIfUnused(ctx, (p as { sha256: string }).sha256));
  const queued = await ctx.db
    .selectFrom('outbox')
    .select('key')
    .where('kind', '=', 'remove_document')
    .execute();
  for (const q of queued) expect(await outbox.runNow(q.key)).toBe(true);
  return queued.length;
}

// Found by the chaos run (docs/RELIABILITY.md): a case erased while another decision with the same
// document was being uploaded left that decision without its document file.
describe(`a decision uploaded while the last case with the same document is erased, on ${testDatabase}`, () => {
  const t = eachTestContext('iplus-erase-while-uploading-');
  const pdf = samplePdf('Decision sent twice, under two references');

  it('keeps its document: the erasure waits for the upload in flight before removing it', async () => {
    const first = await uploadDecision(t.ctx, admin, {
      decision: cominesDecision('TAP-MONS-2026-FIRST'),
      document: { fileName: 'decision.pdf', bytes: pdf },
    });
    const sha256 = first.decision.document_sha256;
    // given an upload of the same document that has found it stored and not yet committed
    const { paused, putDone, go } = pausedAfterPut(t.store.documents);
    const uploading = uploadDecision({ ...t.ctx, documents: paused }, admin, {
      decision: cominesDecision('TAP-MONS-2026-SECOND'),
      document: { fileName: 'decision.pdf', bytes: pdf },
    });
    await putDone;
    // when the first case is erased meanwhile (its removal of the document would come before the
    // upload's commit if nothing held it back; 300 ms gives it that chance)
    const erasing = erase(t.ctx, first.decision.id);
    await Promise.race([erasing, new Promise((r) => setTimeout(r, 300))]);
    go();
    const [second] = await Promise.all([uploading, erasing]);
    // then the new decision is committed with its document, and the erasure's queued removal
    // (run later by the outbox) leaves it too
    expect(second.status).toBe(201);
    expect(second.decision.document_sha256).toBe(sha256);
    expect((await t.store.documents.get(sha256))?.equals(pdf)).toBe(true);
    expect(await runQueuedRemovals(t.ctx)).toBe(1);
    expect((await t.store.documents.get(sha256))?.equals(pdf)).toBe(true);
    expect(t.store.documents.holds.size).toBe(0);
  });

  it('is removed with the erased case when no other decision uses it', async () => {
    const only = await uploadDecision(t.ctx, admin, {
      decision: cominesDecision('TAP-MONS-2026-ONLY'),
      document: { fileName: 'decision.pdf', bytes: pdf },
    });
    await erase(t.ctx, only.decision.id);
    expect(await t.store.documents.get(only.decision.document_sha256)).toBeUndefined();
  });

  if (testDatabase === 'postgres') {
    it('keeps its document when another instance erases the case between its put and its commit', async () => {
      const first = await uploadDecision(t.ctx, admin, {
        decision: cominesDecision('TAP-MONS-2026-FIRST'),
        document: { fileName: 'decision.pdf', bytes: pdf },
      });
      const sha256 = first.decision.document_sha256;
      // given a second instance (its own holds) whose upload of the same document has found it stored
      const other = await t.store.reopen();
      try {
        const { paused, putDone, go } = pausedAfterPut(other.documents);
        const otherCtx = composeServiceContext({
          db: other.db,
          documents: paused,
          clock: new ManualClock(t.ctx.clock.now().toISOString()),
          logger: silentLogger,
          settings: {},
        });
        const uploading = uploadDecision(otherCtx, admin, {
          decision: cominesDecision('TAP-MONS-2026-SECOND'),
          document: { fileName: 'decision.pdf', bytes: pdf },
        });
        await putDone;
        // when this instance erases the first case and removes the document (nothing here holds it)
        await erase(t.ctx, first.decision.id);
        expect(await t.store.documents.get(sha256)).toBeUndefined();
        go();
        // then the upload's insert, refused by the foreign key, stores the document again and commits
        const second = await uploading;
        expect(second.status).toBe(201);
        expect((await t.store.documents.get(sha256))?.equals(pdf)).toBe(true);
        expect(await runQueuedRemovals(t.ctx)).toBe(1);
        expect((await t.store.documents.get(sha256))?.equals(pdf)).toBe(true);
      } finally {
        await other.close();
      }
    });
  }
});
