import type { Principal } from '../auth/roles';
import { uploadDecision } from '../decisions/upload-decision';
import { systemActor } from '../service-context';
import { cominesDecision, samplePdf } from '../__fixtures__/sample-decision';
import { eachTestContext } from '../__fixtures__/test-context';
import { testDatabase } from '../__fixtures__/test-store';
import { issueMandate } from './issue-mandate';

const admin: Principal = { user: 'admin', role: 'admin', agencyId: 'IPLUS', language: 'en', via: 'token' };

// Found by the chaos run (issue 15): a process's issue-mandate job still running when the measure
// ended committed its mandate after the end had closed the others, leaving it open on an ended case.
describe(`no mandate for a measure that is over, on ${testDatabase}`, () => {
  const t = eachTestContext('iplus-issue-after-end-');

  async function decisionIn(status: string): Promise<string> {
    const r = await uploadDecision(t.ctx, admin, {
      decision: cominesDecision(`TAP-MONS-2026-${status.toUpperCase()}`),
      document: { fileName: 'decision.pdf', bytes: samplePdf() },
    });
    await t.store.db.updateTable('decisions').set({ status }).where('id', '=', r.decision.id).execute();
    return r.decision.id;
  }

  const issue = (decisionId: string) =>
    issueMandate(
      t.ctx,
      {
        decisionId,
        kind: 'police_check',
        recipientId: 'PZ-5318',
        deadline: 'PT24H',
        origin: 'process',
        processInstanceKey: '1',
      },
      systemActor('test'),
    );

  it.each(['ended', 'revoked'])(
    'refuses with 409 when the measure is %s, and writes nothing',
    async (status) => {
      const id = await decisionIn(status);
      await expect(issue(id)).rejects.toMatchObject({ status: 409, code: 'measure_over' });
      expect(await t.store.db.selectFrom('mandates').selectAll().execute()).toEqual([]);
    },
  );

  it('issues while the measure runs, and a redelivered job finds the same mandate', async () => {
    const id = await decisionIn('received');
    const first = await issue(id);
    expect(first.created).toBe(true);
    expect(await issue(id)).toEqual({ id: first.id, created: false });
  });
});
