import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cominesDecision, monsClerk as clerk, samplePdf } from '../../__fixtures__/sample-decision';
import { systemClock } from '../../clock';
import { composeServiceContext } from '../../compose-context';
import { uploadDecision } from '../../decisions/upload-decision';
import { silentLogger } from '../../logger';
import type { ServiceContext } from '../../service-context';
import { openStore, type OpenedStore } from '../../store/database';
import { DocumentStore } from '../../store/document-store';
import { timelineOf } from '../../views/decision-records';
import { isRecordedInstance } from './instance-claim';
import type { IplusJob } from './job-outcome';
import type { WorkerDeps } from './worker-deps';

const routing = {
  policeZoneId: 'PZ-5318',
  justiceHouseId: 'JH-MONS',
  monitoringCentreId: null,
  parquetId: 'PAR-MONS-TOURNAI',
  judicialArrondissement: 'Hainaut',
  live: true,
};

function job(
  processInstanceKey: string,
  variables: Record<string, unknown>,
  bpmnProcessId = 'conditional-release',
) {
  return { bpmnProcessId, processInstanceKey, type: 'iplus:test', variables } as unknown as IplusJob;
}

// The claim every job passes first: the instance recorded for the decision, and the routing kept once.
describe('instance claim', () => {
  let store: OpenedStore;
  let ctx: ServiceContext;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-claim-'));
    store = await openStore(dir);
    ctx = composeServiceContext({
      db: store.db,
      documents: new DocumentStore(dir),
      clock: systemClock,
      logger: silentLogger,
      settings: {},
    });
  });
  afterAll(async () => {
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('claims the first instance, keeps its routing once, and refuses a second instance', async () => {
    const up = await uploadDecision(ctx, clerk, {
      decision: cominesDecision('TAP-MONS-2026-CLAIM'),
      document: { fileName: 'd.pdf', bytes: samplePdf() },
    });
    const decisionId = up.decision.id;
    const deps = { ctx } as WorkerDeps;

    // given two jobs of the same instance, both carrying the routing
    expect(await isRecordedInstance(job('101', { decisionId, routing }), deps)).toBe(true);
    expect(await isRecordedInstance(job('101', { decisionId, routing }), deps)).toBe(true);
    // then the instance is recorded and the routing kept, with one `routed` event
    const row = await store.db
      .selectFrom('decisions')
      .selectAll()
      .where('id', '=', decisionId)
      .executeTakeFirstOrThrow();
    expect(row.process_instance_key).toBe('101');
    expect(JSON.parse(row.routing_json!)).toEqual(routing);
    const routed = (await timelineOf(store.db, decisionId)).filter((e) => e.event === 'routed');
    expect(routed).toHaveLength(1);

    // a duplicate instance (a crash between start and record) is not the recorded one
    expect(await isRecordedInstance(job('202', { decisionId, routing }), deps)).toBe(false);
    const after = await store.db
      .selectFrom('decisions')
      .selectAll()
      .where('id', '=', decisionId)
      .executeTakeFirstOrThrow();
    expect(after.process_instance_key).toBe('101');
  });

  it('claims a decision whose key is still empty for the instance that asks first', async () => {
    const up = await uploadDecision(ctx, clerk, {
      decision: cominesDecision('TAP-MONS-2026-CLAIM-2'),
      document: { fileName: 'd.pdf', bytes: samplePdf() },
    });
    const deps = { ctx } as WorkerDeps;
    expect(await isRecordedInstance(job('303', { decisionId: up.decision.id }), deps)).toBe(true);
    expect(await isRecordedInstance(job('404', { decisionId: up.decision.id }), deps)).toBe(false);
    // no routing variable: nothing kept
    const row = await store.db
      .selectFrom('decisions')
      .selectAll()
      .where('id', '=', up.decision.id)
      .executeTakeFirstOrThrow();
    expect(row.routing_json).toBeNull();
  });

  it('refuses an instance of an erased case (it is cancelled), and acts on one whose row never existed', async () => {
    const deps = { ctx } as WorkerDeps;
    await store.db
      .insertInto('erasures')
      .values({
        decision_id: 'D-900001',
        person_pseudonym: 'P-x',
        reason: 'retention',
        justification: '',
        ended_at: '2026-01-01T00:00:00.000Z',
        erased_at: '2026-03-01T00:00:00.000Z',
        erased_by: 'system',
        objects: 'M-900001-POL,M-900001-GUI,S-900001',
      })
      .execute();
    expect(await isRecordedInstance(job('505', { decisionId: 'D-900001', routing }), deps)).toBe(false);
    expect(
      await isRecordedInstance(job('506', { mandateId: 'M-900001-GUI' }, 'mandate-follow-up'), deps),
    ).toBe(false);
    // a decision or mandate the store never had: the use case answers "not found" itself
    expect(await isRecordedInstance(job('507', { decisionId: 'D-900002', routing }), deps)).toBe(true);
    expect(
      await isRecordedInstance(job('508', { mandateId: 'M-900001-GUI-2' }, 'mandate-follow-up'), deps),
    ).toBe(true);
  });

  it('the first jobs of an instance, arriving together, share one claim: one UPDATE, not one each', async () => {
    const up = await uploadDecision(ctx, clerk, {
      decision: cominesDecision('TAP-MONS-2026-CLAIM-3'),
      document: { fileName: 'd.pdf', bytes: samplePdf() },
    });
    const updates: string[] = [];
    const counted = store.db.withPlugin({
      transformQuery: (args) => {
        if (args.node.kind === 'UpdateQueryNode') updates.push(args.queryId.queryId);
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    });
    const deps = { ctx: { ...ctx, db: counted } } as WorkerDeps;
    const answers = await Promise.all(
      [1, 2, 3].map(() => isRecordedInstance(job('909', { decisionId: up.decision.id }), deps)),
    );
    expect(answers).toEqual([true, true, true]);
    expect(updates).toHaveLength(1);
    // and a later job of the instance touches no row
    expect(await isRecordedInstance(job('909', { decisionId: up.decision.id }), deps)).toBe(true);
    expect(updates).toHaveLength(1);
  });
});
