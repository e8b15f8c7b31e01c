import type { Principal } from '../auth/roles';
import { uploadDecision } from '../decisions/upload-decision';
import { issueMandate } from '../mandates/issue-mandate';
import { systemActor } from '../service-context';
import { transact } from '../store/database';
import { cominesDecision, samplePdf } from '../__fixtures__/sample-decision';
import { eachTestContext } from '../__fixtures__/test-context';
import { testDatabase } from '../__fixtures__/test-store';
import { openMandates } from './decision-changes';
import { closeMandates } from './end-measure';

const admin: Principal = { user: 'admin', role: 'admin', agencyId: 'IPLUS', language: 'en', via: 'token' };

// Closing a mandate ends its follow-up: by message for every mandate, and also by the recorded key for
// a follow-up the platform started (a duplicate left by a crash could take the message).
describe(`closing mandates, on ${testDatabase}`, () => {
  const t = eachTestContext('iplus-close-mandates-');

  it('queues MandateClosed for each, and the cancellation of a hand-issued mandate’s recorded follow-up', async () => {
    const up = await uploadDecision(t.ctx, admin, {
      decision: cominesDecision('TAP-MONS-2026-CLOSE'),
      document: { fileName: 'decision.pdf', bytes: samplePdf() },
    });
    const decisionId = up.decision.id;
    const issue = (kind: 'police_check', origin: 'process' | 'manual', key: string | null) =>
      issueMandate(
        t.ctx,
        { decisionId, kind, recipientId: 'PZ-5318', deadline: 'PT24H', origin, processInstanceKey: key },
        systemActor('test'),
      );
    const byProcess = await issue('police_check', 'process', '7001');
    const byHand = await issue('police_check', 'manual', null);
    // the outbox started the hand-issued mandate's follow-up and recorded its key
    await t.store.db
      .updateTable('mandates')
      .set({ process_instance_key: '9001' })
      .where('id', '=', byHand.id)
      .execute();

    await transact(t.ctx.db, async (trx) =>
      closeMandates(
        trx,
        t.ctx.clock.now(),
        'TAP-MONS-2026-CLOSE',
        await openMandates(trx, decisionId),
        'ended',
      ),
    );

    const items = await t.store.db
      .selectFrom('outbox')
      .select(['key', 'kind', 'payload'])
      .where('kind', 'in', ['publish', 'cancel_instance'])
      .orderBy('key')
      .execute();
    expect(items.map((i) => [i.kind, i.key])).toEqual([
      ['cancel_instance', 'cancel:9001'],
      ['publish', `publish:MandateClosed:closed-${byProcess.id}`],
      ['publish', `publish:MandateClosed:closed-${byHand.id}`],
    ]);
    expect(JSON.parse(items[0].payload)).toMatchObject({ processInstanceKey: '9001', mandateId: byHand.id });
    const statuses = await t.store.db.selectFrom('mandates').select('status').execute();
    expect(statuses.map((s) => s.status)).toEqual(['closed', 'closed']);
  });
});
