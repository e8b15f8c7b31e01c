import * as path from 'node:path';
import { ManualClock } from '../../engine/src/clock/manual-clock';
import { startTestEngine, type TestEngine } from '../../engine/src/test-support/engine-harness';
import { RegisterAdapter } from '../../platform/src/bng/bng-port';
import { composeServiceContext } from '../../platform/src/compose-context';
import { uploadDecision } from '../../platform/src/decisions/upload-decision';
import { silentLogger } from '../../platform/src/logger';
import type { ServiceContext } from '../../platform/src/service-context';
import { findDecision, timelineOf } from '../../platform/src/views/decision-records';
import { EngineClient } from '../../platform/src/zeebe/engine-client';
import { startJobWorkers, TASK_WORKERS, type RunningWorkers } from '../../platform/src/zeebe/job-workers';
import {
  CONDITIONAL_RELEASE,
  processVariables,
  publish,
  startDecisionProcess,
  startFollowUpProcess,
} from '../../platform/src/zeebe/process-starts';
import { eventually } from '../../platform/src/__fixtures__/engine-process';
import {
  cominesDecision,
  monsClerk as clerk,
  samplePdf,
} from '../../platform/src/__fixtures__/sample-decision';
import {
  openTestStore,
  testDatabase,
  testPostgres,
  type TestStore,
} from '../../platform/src/__fixtures__/test-store';

const BPMN = path.join(__dirname, '..', '..', 'bpmn');
const DAY = 24 * 3600 * 1000;
/**
 * The jobs a duplicate meets first when it starts with the measure, which cancel it in the chaos runs.
 * The tests hold them for a duplicate, so that what they check is the job that comes after.
 */
const FIRST_JOBS = ['iplus:create-signalement', 'iplus:issue-mandate'];

// A decision's process started twice: a SIGKILL between the outbox's start and the recording of its
// key leaves the first instance running, and the restarted outbox starts another. Every job of the
// process first checks that its instance is the one recorded for the decision, and a duplicate is
// cancelled there. This test starts the duplicate after the measure ended: its end timer is due at
// once and ends the period before its signalement or mandates are worked, so its first job is the end
// of the measure. Real model, engine, workers and store, both stores.
describe(`a second process instance of a decision after its measure ended, on ${testDatabase}`, () => {
  jest.setTimeout(120_000);
  let engine: TestEngine;
  let client: EngineClient;
  let store: TestStore;
  let ctx: ServiceContext;
  let workers: RunningWorkers;
  let n = 0;
  /** Per decision, its recorded instance: the first jobs of any other instance of it wait (see FIRST_JOBS). */
  const duplicateOf = new Map<string, string>();
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));

  beforeAll(async () => {
    if (testDatabase === 'postgres') await testPostgres();
    engine = await startTestEngine({ clock: new ManualClock(Date.UTC(2026, 11, 1, 9, 0, 0)) });
    client = new EngineClient(engine.zbc);
    await engine.deploy(BPMN, 'mandate-follow-up.bpmn', 'conditional-release.bpmn');
    for (const p of ['BE-WHT', 'BE-VAN'])
      await engine.zbc.deployResource({ decisionFilename: path.join(BPMN, 'routing', `${p}.dmn`) });
    store = await openTestStore('iplus-duplicate-');
    ctx = composeServiceContext({
      db: store.db,
      documents: store.documents,
      clock: { now: () => new Date(engine.clock.now()) },
      logger: silentLogger,
      settings: {},
    });
    ctx.outbox.handle('start_decision', (p) =>
      startDecisionProcess(ctx, client, (p as { decisionId: string }).decisionId),
    );
    ctx.outbox.handle('start_follow_up', (p) =>
      startFollowUpProcess(ctx, client, (p as { mandateId: string }).mandateId),
    );
    ctx.outbox.handle('publish', (p) => publish(ctx, client, p as Parameters<typeof publish>[2]));
    ctx.outbox.start();
    workers = startJobWorkers(
      engine.zbc,
      { ctx, bng: new RegisterAdapter(), engine: client },
      TASK_WORKERS.map((w) => ({
        taskType: w.taskType,
        handle: async (job, d) => {
          const recorded = duplicateOf.get(job.variables.decisionId as string);
          if (recorded && job.processInstanceKey !== recorded && FIRST_JOBS.includes(w.taskType))
            await released;
          return w.handle(job, d);
        },
      })),
    );
  }, 120_000);
  afterAll(async () => {
    release();
    await workers?.close();
    await ctx?.outbox.stop();
    await store?.dispose();
    await engine?.close();
  });

  const until = <T>(what: string, check: () => Promise<T | undefined> | T | undefined) =>
    eventually(async () => (await check()) ?? undefined, 30_000, what);
  const incidents = (instance: string) =>
    engine.query<{ error_message: string }>(
      'SELECT error_message FROM incident WHERE process_instance_key = ?',
      Number(instance),
    );
  const events = async (id: string, event: string) =>
    (await timelineOf(store.db, id)).filter((e) => e.event === event).length;
  const audited = async (id: string, action: string) =>
    (
      await store.db
        .selectFrom('audit_log')
        .select('seq')
        .where('object', '=', id)
        .where('action', '=', action)
        .execute()
    ).length;

  /** A decision whose recorded instance has issued both mandates; its measure ends `endsIn` days on. */
  async function routedCase(endsIn: number): Promise<{ id: string; instance: string }> {
    const last = new Date(engine.clock.now() + (endsIn - 1) * DAY).toISOString().slice(0, 10);
    const up = await uploadDecision(ctx, clerk, {
      decision: cominesDecision(`TAP-MONS-2026-DUPLICATE-${++n}`, { measureEnd: last }),
      document: { fileName: 'd.pdf', bytes: samplePdf() },
    });
    const id = up.decision.id;
    const instance = await until('the recorded instance', async () => {
      const d = await findDecision(store.db, id);
      return d?.process_instance_key ?? undefined;
    });
    await until('both mandates issued', async () => {
      const m = await store.db.selectFrom('mandates').select('id').where('decision_id', '=', id).execute();
      return m.length === 2 || undefined;
    });
    return { id, instance };
  }

  /** What the outbox would start again for the decision after a crash; its first jobs are held. */
  async function startDuplicate(id: string): Promise<string> {
    const row = await findDecision(store.db, id);
    duplicateOf.set(id, row!.process_instance_key!);
    return client.createProcessInstance(CONDITIONAL_RELEASE, processVariables(row!, 'P3D'));
  }

  it('started after the measure ended: cancelled, the end is not done again', async () => {
    const { id, instance } = await routedCase(2);
    engine.clock.advance(3 * DAY);
    await until('the measure ended', () => engine.instanceState(instance) === 'COMPLETED' || undefined);
    expect((await findDecision(store.db, id))!.status).toBe('ended');
    expect(await events(id, 'measure_ended')).toBe(1);
    expect(await audited(id, 'decision.end')).toBe(1);

    const duplicate = await startDuplicate(id);
    await until('the duplicate ended', () => engine.instanceState(duplicate) !== 'ACTIVE' || undefined);
    // its end timer was due at once: the period ended before its signalement and mandates were
    // created, and its first job was the end of the measure, which found it was not the recorded one
    expect(engine.path(duplicate)).toContain('MeasureOver');
    expect(engine.instanceState(duplicate)).toBe('TERMINATED');
    expect(incidents(duplicate)).toEqual([]);
    expect((await findDecision(store.db, id))!.process_instance_key).toBe(instance);
    expect(await events(id, 'measure_ended')).toBe(1);
    expect(await audited(id, 'decision.end')).toBe(1);
  });
});
