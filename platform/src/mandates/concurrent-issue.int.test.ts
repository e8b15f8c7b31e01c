import { openTestStore, testDatabase, type TestStore } from '../__fixtures__/test-store';
import { cominesDecision, monsClerk as clerk, samplePdf } from '../__fixtures__/sample-decision';
import { RegisterAdapter } from '../bng/bng-port';
import { systemClock } from '../clock';
import { composeServiceContext } from '../compose-context';
import { uploadDecision } from '../decisions/upload-decision';
import { silentLogger } from '../logger';
import type { ServiceContext } from '../service-context';
import { ensureSignalement } from '../signalements/ensure-signalement';
import type { OpenedStore } from '../store/database';
import { issueMandate } from './issue-mandate';

const worker = { user: 'worker', agencyId: 'iplus' };

/**
 * A job redelivered to another instance while the first still runs it: both instances issue the
 * same mandate and create the same signalement at once. Those transactions take the writers' lock
 * late (after their inserts), so the race is settled by the rows' keys: one creates, the other finds
 * it made, neither fails, and the audit chain holds one entry each.
 */
describe(`issuing the same mandate from two instances at once on ${testDatabase}`, () => {
  jest.setTimeout(60_000);
  let store: TestStore;
  let other: OpenedStore;
  const contextOf = (s: OpenedStore): ServiceContext =>
    composeServiceContext({
      db: s.db,
      documents: s.documents,
      clock: systemClock,
      logger: silentLogger,
      settings: {},
    });
  beforeEach(async () => {
    store = await openTestStore('iplus-concurrent-issue-');
    other = testDatabase === 'postgres' ? await store.reopen() : store;
  });
  afterEach(async () => {
    if (other !== store) await other.close();
    await store.dispose();
  });

  it('creates each mandate and the signalement once; every caller gets the same id, none fails', async () => {
    const [a, b] = [contextOf(store), contextOf(other)];
    const decisions: string[] = [];
    for (let i = 0; i < 4; i++) {
      const up = await uploadDecision(a, clerk, {
        decision: cominesDecision(`TAP-MONS-2026-RACE-${i}`),
        document: { fileName: 'd.pdf', bytes: samplePdf() },
      });
      decisions.push(up.decision.id);
    }
    const issue = (ctx: ServiceContext, decisionId: string, kind: 'police_check' | 'guidance') =>
      issueMandate(
        ctx,
        {
          decisionId,
          kind,
          recipientId: kind === 'police_check' ? 'PZ-5318' : 'JH-MONS',
          deadline: 'PT24H',
          origin: 'process',
          processInstanceKey: null,
        },
        worker,
      );
    const results = await Promise.all(
      decisions.flatMap((d) => [
        issue(a, d, 'police_check'),
        issue(b, d, 'police_check'),
        issue(b, d, 'guidance'),
        issue(a, d, 'guidance'),
        ensureSignalement(a, new RegisterAdapter(), d, worker),
        ensureSignalement(b, new RegisterAdapter(), d, worker),
      ]),
    );
    for (let i = 0; i < decisions.length; i++) {
      const six = results.slice(i * 6, i * 6 + 6);
      for (const pair of [six.slice(0, 2), six.slice(2, 4), six.slice(4, 6)]) {
        expect(pair[0]!.id).toBe(pair[1]!.id);
        expect(pair.filter((r) => r.created)).toHaveLength(1);
      }
    }
    const mandates = await store.db.selectFrom('mandates').select(['id', 'decision_id']).execute();
    expect(mandates).toHaveLength(decisions.length * 2);
    const signalements = await store.db.selectFrom('signalements').select('id').execute();
    expect(signalements).toHaveLength(decisions.length);
    const events = await store.db
      .selectFrom('decision_events')
      .select('event')
      .where('event', 'in', ['mandate_issued', 'signalement_created'])
      .execute();
    expect(events).toHaveLength(decisions.length * 3);
    const rows = await store.db.selectFrom('decisions').select('status').execute();
    expect(rows.map((r) => r.status)).toEqual(decisions.map(() => 'routed'));
    // One audit entry per upload, mandate and signalement, on one intact chain.
    expect(await a.audit.verify()).toMatchObject({ ok: true, entries: decisions.length * 4 });
  });
});
