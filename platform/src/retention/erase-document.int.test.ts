import { randomBytes } from 'node:crypto';
import type { Principal } from '../auth/roles';
import { uploadDecision } from '../decisions/upload-decision';
import { silentLogger } from '../logger';
import { Outbox } from '../outbox/outbox';
import type { ServiceContext } from '../service-context';
import { cominesDecision, samplePdf } from '../__fixtures__/sample-decision';
import { eachTestContext } from '../__fixtures__/test-context';
import { testDatabase } from '../__fixtures__/test-store';
import { removeDocumentIfUnused } from '../store/document-use';
import { eraseCase } from './erase-case';
import { Pseudonyms } from './pseudonyms';

const admin: Principal = { user: 'admin', role: 'admin', agencyId: 'IPLUS', language: 'en', via: 'token' };

// Found by the two-instance chaos run: a SIGKILL between an erasure's commit and the removal of the
// case's document left the document of an erased case behind (until the hourly orphan sweep).
describe(`an erased case's document, on ${testDatabase}`, () => {
  const t = eachTestContext('iplus-erase-document-');

  it('is removed after a crash that cut the erasure right after its commit', async () => {
    const up = await uploadDecision(t.ctx, admin, {
      decision: cominesDecision('TAP-MONS-2026-ERASE-DOC'),
      document: { fileName: 'decision.pdf', bytes: samplePdf() },
    });
    const sha256 = up.decision.document_sha256;
    // the removal after the commit never happens (the process dies there)
    const dying: ServiceContext = {
      ...t.ctx,
      documents: {
        ...t.store.documents,
        put: (d) => t.store.documents.put(d),
        get: (s) => t.store.documents.get(s),
        remove: () => Promise.reject(new Error('killed')),
      },
    };
    const deps = {
      ctx: dying,
      engine: {
        deleteInstance: async () => 'not_found' as const,
        cancelInstance: async () => undefined,
        instancesOfCase: async () => [],
      },
      pseudonyms: new Pseudonyms(randomBytes(32)),
    };
    await expect(
      eraseCase(deps, up.decision.id, {
        reason: 'request',
        justification: 'entered by mistake',
        actor: { user: 'admin', agencyId: 'IPLUS' },
        endedAt: null,
      }),
    ).rejects.toThrow('killed');
    expect(await t.store.documents.get(sha256)).toBeDefined();

    // the next start's outbox carries out the removal the erasure queued with its commit
    const outbox = new Outbox(t.store.db, t.ctx.clock, silentLogger);
    outbox.handle('remove_document', (p) => removeDocumentIfUnused(t.ctx, (p as { sha256: string }).sha256));
    const queued = await t.store.db
      .selectFrom('outbox')
      .select('key')
      .where('kind', '=', 'remove_document')
      .execute();
    expect(queued).toHaveLength(1);
    expect(await outbox.runNow(queued[0].key)).toBe(true);
    expect(await t.store.documents.get(sha256)).toBeUndefined();
  });
});
