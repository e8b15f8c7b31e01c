import type { TestEngine } from '../../engine/src/test-support/engine-harness';
import { uploadDecision } from '../../platform/src/decisions/upload-decision';
import { recordMove } from '../../platform/src/lifecycle/record-move';
import { reviseMeasure } from '../../platform/src/lifecycle/revise-measure';
import { revokeMeasure } from '../../platform/src/lifecycle/revoke-measure';
import type { ServiceContext } from '../../platform/src/service-context';
import { findDecision, timelineOf } from '../../platform/src/views/decision-records';
import type { EngineClient } from '../../platform/src/zeebe/engine-client';
import {
  CONDITIONAL_RELEASE,
  processVariables,
  startDecisionProcess,
} from '../../platform/src/zeebe/process-starts';
import { eventually } from '../../platform/src/__fixtures__/engine-process';
import {
  cominesDecision,
  monsClerk as clerk,
  samplePdf,
} from '../../platform/src/__fixtures__/sample-decision';
import { testDatabase, type TestStore } from '../../platform/src/__fixtures__/test-store';
import { startCaseHarness, type CaseHarness } from './case-harness';

const DAY = 24 * 3600 * 1000;
/**
 * The jobs a duplicate meets first when it starts with the measure, which cancel it in the chaos runs.
 * The tests hold them for a duplicate, so that what they check is the job that comes after.
 */
const FIRST_JOBS = ['iplus:create-signalement', 'iplus:issue-mandate'];

// A decision's process started twice: a SIGKILL between the outbox's start and the recording of its
// key leaves the first instance running, and the restarted outbox starts another. Every job of the
// process first checks that its instance is the one recorded for the decision, and a duplicate is
// cancelled there. These tests reach a duplicate where that first check is not what meets it: started
// after the measure ended (its end timer is due at once and ends the period before its signalement or
// mandates are worked), or older than the recorded instance and so handed a revocation, a revision or
// a move (the engine gives a message to the oldest instance that waits). Real model, engine, workers
// and store, both stores.
describe(`a second process instance of a decision, on ${testDatabase}`, () => {
  jest.setTimeout(120_000);
  let engine: TestEngine;
  let client: EngineClient;
  let store: TestStore;
  let ctx: ServiceContext;
  let h: CaseHarness;
  let n = 0;
  /** Per decision, its recorded instance: the first jobs of any other instance of it wait (see FIRST_JOBS). */
  const duplicateOf = new Map<string, Promise<string>>();
  /** When set, the next decision's start is preceded by a duplicate (older) instance, kept here. */
  let olderDuplicate: { key?: string } | undefined;
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));

  beforeAll(async () => {
    h = await startCaseHarness({
      storePrefix: 'iplus-duplicate-',
      handle: (w) => async (job, d) => {
        const recorded = duplicateOf.get(job.variables.decisionId as string);
        if (recorded && FIRST_JOBS.includes(w.taskType) && job.processInstanceKey !== (await recorded))
          await released;
        return w.handle(job, d);
      },
      startDecision: async ({ ctx, client, store }, decisionId) => {
        const older = olderDuplicate;
        const row = await findDecision(store.db, decisionId);
        if (!older || older.key || !row || row.process_instance_key)
          return startDecisionProcess(ctx, client, decisionId);
        // what a crash leaves: an instance started, its key never recorded; then the outbox's start again
        let recorded!: (key: string) => void;
        duplicateOf.set(decisionId, new Promise((r) => (recorded = r)));
        older.key = await client.createProcessInstance(CONDITIONAL_RELEASE, processVariables(row, 'P3D'));
        await startDecisionProcess(ctx, client, decisionId);
        recorded((await findDecision(store.db, decisionId))!.process_instance_key!);
      },
    });
    ({ engine, client, store, ctx } = h);
  }, 120_000);
  afterAll(async () => {
    release();
    await h?.close();
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
    duplicateOf.set(id, Promise.resolve(row!.process_instance_key!));
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

  it('older than the recorded one, it takes the revocation: passed on, the duplicate cancelled', async () => {
    // the engine hands a message to the oldest instance of the process that waits for it
    const older: { key?: string } = {};
    olderDuplicate = older;
    const { id, instance } = await routedCase(60);
    olderDuplicate = undefined;
    const duplicate = older.key!;
    expect(Number(duplicate)).toBeLessThan(Number(instance));
    await revokeMeasure(ctx, clerk, id, { reason: 'new offence' });
    await until(
      'both instances ended',
      () =>
        (engine.instanceState(duplicate) !== 'ACTIVE' && engine.instanceState(instance) !== 'ACTIVE') ||
        undefined,
    );
    // the duplicate took it (its path shows the revocation's start) and was cancelled at its job
    expect(engine.path(duplicate)).toContain('MeasureRevoked');
    expect(engine.instanceState(duplicate)).toBe('TERMINATED');
    expect(engine.path(instance)).toContain('RevokedEnd');
    expect(engine.instanceState(instance)).toBe('COMPLETED');
    expect(incidents(duplicate)).toEqual([]);
    expect(incidents(instance)).toEqual([]);
    const d = (await findDecision(store.db, id))!;
    expect(d.status).toBe('revoked');
    expect(await events(id, 'measure_revoked')).toBe(1);
    const open = await store.db
      .selectFrom('mandates')
      .select('id')
      .where('decision_id', '=', id)
      .where('status', '!=', 'closed')
      .execute();
    expect(open).toEqual([]);
  });

  /** A case whose older duplicate waits at its first jobs, as in the revocation's test. */
  async function caseWithOlderDuplicate(): Promise<{ id: string; instance: string; duplicate: string }> {
    const older: { key?: string } = {};
    olderDuplicate = older;
    const { id, instance } = await routedCase(60);
    olderDuplicate = undefined;
    return { id, instance, duplicate: older.key! };
  }

  it('older than the recorded one, it takes a revision: passed on, the duplicate cancelled', async () => {
    const { id, instance, duplicate } = await caseWithOlderDuplicate();
    const revisionId = await reviseMeasure(ctx, clerk, id, {
      conditions: { general: ['no_new_offences'], particular: [] },
      reason: 'revised',
    });
    await until('the duplicate ended', () => engine.instanceState(duplicate) !== 'ACTIVE' || undefined);
    expect(engine.path(duplicate)).toContain('MeasureRevised');
    expect(engine.instanceState(duplicate)).toBe('TERMINATED');
    await until(
      'the recorded instance revised',
      () => engine.path(instance).includes('RevisedEnd') || undefined,
    );
    expect(engine.variables(instance).revisionId).toBe(revisionId);
    expect(engine.instanceState(instance)).toBe('ACTIVE');
    expect(incidents(instance)).toEqual([]);
  });

  it('older than the recorded one, it takes a move: passed on, the duplicate cancelled', async () => {
    const { id, instance, duplicate } = await caseWithOlderDuplicate();
    await recordMove(ctx, clerk, id, {
      domicile: { street: 'Rue Neuve', number: '3', postalCode: '7000', municipalityNis: '53053' },
    });
    await until('the duplicate ended', () => engine.instanceState(duplicate) !== 'ACTIVE' || undefined);
    expect(engine.path(duplicate)).toContain('DomicileMoved');
    expect(engine.instanceState(duplicate)).toBe('TERMINATED');
    await until(
      'the recorded instance re-routed',
      () => engine.path(instance).includes('MovedEnd') || undefined,
    );
    expect(engine.instanceState(instance)).toBe('ACTIVE');
    expect(incidents(instance)).toEqual([]);
    const open = await store.db
      .selectFrom('mandates')
      .select(['kind', 'recipient_id'])
      .where('decision_id', '=', id)
      .where('status', '!=', 'closed')
      .orderBy('kind')
      .execute();
    expect(open.map((m) => `${m.kind}:${m.recipient_id}`)).toEqual([
      'guidance:MJ-MONS',
      'police_check:PZ-5324',
    ]);
  });
});
