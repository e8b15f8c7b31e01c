import { randomBytes } from 'node:crypto';
import { uploadDecision } from '../../platform/src/decisions/upload-decision';
import { eraseCase, type ErasedCase } from '../../platform/src/retention/erase-case';
import { Pseudonyms } from '../../platform/src/retention/pseudonyms';
import { findDecision } from '../../platform/src/views/decision-records';
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
import { testDatabase } from '../../platform/src/__fixtures__/test-store';
import { startCaseHarness, type CaseHarness } from './case-harness';

// An erased case keeps nothing in the engine either. Found by the single-instance chaos run (stop 31's
// CI): after its purges, two follow-up instances were left that named mandates no longer in the store.
// The erasure deleted only the instances the platform had recorded, so an instance it never recorded
// stayed with the case's variables: a duplicate start left by a crash (cancelled by its first job), or
// one started while the erasure ran (cancelled by its own start, the case being gone). Now the erasure
// also deletes every instance the engine holds with the case's `decisionId`, and a start that finds
// its case erased deletes the instance it made. Real model, engine (with its REST API), workers and
// store, both stores.
describe(`an erased case leaves no process instance in the engine, on ${testDatabase}`, () => {
  jest.setTimeout(120_000);
  let h: CaseHarness;
  let n = 0;
  /** The decision (by reference) whose process start is overtaken by its erasure, and what it left. */
  let erasedBeforeStart: { reference: string; key?: string; erased?: ErasedCase } | undefined;

  const erase = (decisionId: string) =>
    eraseCase({ ctx: h.ctx, engine: h.history!, pseudonyms: new Pseudonyms(randomBytes(32)) }, decisionId, {
      reason: 'request',
      justification: 'entered by mistake',
      actor: { user: 'admin', agencyId: 'IPLUS' },
      endedAt: null,
    });

  beforeAll(async () => {
    h = await startCaseHarness({
      storePrefix: 'iplus-erase-leftovers-',
      rest: true,
      startDecision: async ({ ctx, client }, decisionId) => {
        const staged = erasedBeforeStart;
        const d = await findDecision(ctx.db, decisionId);
        if (!staged || d?.reference !== staged.reference)
          return startDecisionProcess(ctx, client, decisionId);
        // the erasure lands between this start's read of the decision and the engine's answer
        const overtaken = Object.create(client, {
          createProcessInstance: {
            value: async (...args: Parameters<EngineClient['createProcessInstance']>) => {
              staged.erased = await erase(decisionId);
              return (staged.key = await client.createProcessInstance(...args));
            },
          },
        }) as EngineClient;
        return startDecisionProcess(ctx, overtaken, decisionId);
      },
    });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const until = <T>(what: string, check: () => Promise<T | undefined> | T | undefined) =>
    eventually(async () => (await check()) ?? undefined, 30_000, what);
  /** Every process instance the engine holds that names the case. */
  const instancesNaming = (decisionId: string) =>
    h.engine
      .query<{
        key: string;
      }>(
        `SELECT DISTINCT CAST(process_instance_key AS TEXT) AS key FROM variable WHERE name = 'decisionId' AND value = ?`,
        JSON.stringify(decisionId),
      )
      .map((r) => r.key);

  async function upload(reference = `TAP-MONS-2026-ERASED-${++n}`): Promise<string> {
    const up = await uploadDecision(h.ctx, clerk, {
      decision: cominesDecision(reference),
      document: { fileName: 'd.pdf', bytes: samplePdf() },
    });
    return up.decision.id;
  }

  it('deletes a duplicate instance the platform never recorded, with the recorded one and its follow-ups', async () => {
    const id = await upload();
    const recorded = await until('the recorded instance', async () => {
      const d = await findDecision(h.store.db, id);
      return d?.process_instance_key ?? undefined;
    });
    await until('both mandates issued', async () => {
      const m = await h.store.db.selectFrom('mandates').select('id').where('decision_id', '=', id).execute();
      return m.length === 2 || undefined;
    });
    // what a crash between the start and the recording of its key leaves: a second instance, which
    // its first job cancels
    const row = await findDecision(h.store.db, id);
    const duplicate = await h.client.createProcessInstance(
      CONDITIONAL_RELEASE,
      processVariables(row!, 'P3D'),
    );
    await until(
      'the duplicate cancelled',
      () => h.engine.instanceState(duplicate) === 'TERMINATED' || undefined,
    );
    expect(instancesNaming(id).length).toBeGreaterThanOrEqual(4); // both processes, two follow-ups

    const erased = await erase(id);
    expect(erased.engineInstances).toEqual(expect.arrayContaining([recorded, duplicate]));
    expect(instancesNaming(id)).toEqual([]);
    expect(h.engine.instanceState(duplicate)).toBeUndefined();
  });

  it('deletes the instance a start made for a case erased meanwhile', async () => {
    const staged: NonNullable<typeof erasedBeforeStart> = { reference: 'TAP-MONS-2026-ERASED-BEFORE-START' };
    erasedBeforeStart = staged;
    const id = await upload(staged.reference);
    await until('the start done', () => staged.key);
    expect(staged.erased?.engineInstances).toEqual([]); // nothing was there when the erasure looked
    await until('its instance deleted', () => (instancesNaming(id).length === 0 ? true : undefined));
    expect(h.engine.instanceState(staged.key!)).toBeUndefined();
    expect(await findDecision(h.store.db, id)).toBeUndefined();
  });
});
