import { RegisterAdapter } from '../../platform/src/bng/bng-port';
import type { TestEngine } from '../../engine/src/test-support/engine-harness';
import { uploadDecision } from '../../platform/src/decisions/upload-decision';
import { evaluateRouting } from '../../platform/src/routing/preview-routing';
import { systemActor, type ServiceContext } from '../../platform/src/service-context';
import type { EngineClient } from '../../platform/src/zeebe/engine-client';
import { eventually } from '../../platform/src/__fixtures__/engine-process';
import {
  cominesDecision,
  monsClerk as clerk,
  samplePdf,
} from '../../platform/src/__fixtures__/sample-decision';
import { testDatabase, type TestStore } from '../../platform/src/__fixtures__/test-store';
import { applyMove } from '../../platform/src/lifecycle/apply-move';
import { issueToCurrentDomicile, NOT_CLAIMED } from '../../platform/src/lifecycle/issue-to-current-domicile';
import { recordMove } from '../../platform/src/lifecycle/record-move';
import type { RouteCase } from '../../platform/src/mandates/process-recipient';
import { startCaseHarness, type CaseHarness } from './case-harness';

const ISSUE = 'iplus:issue-mandate';
const MOVE = 'iplus:move-domicile';
const domicile = (municipalityNis: string, postalCode: string) => ({
  domicile: { street: 'Rue Neuve', number: '3', postalCode, municipalityNis },
});
const MONS = domicile('53053', '7000'); // Hainaut, live: PZ-5324, MJ-MONS
const TOURNAI = domicile('57081', '7500'); // Hainaut, live
const ANTWERPEN = domicile('11002', '2000'); // Antwerp, not live: the old channel

// A clerk records a move minutes after the upload, while the process's first routing (of the old
// domicile, Comines-Warneton: PZ-5318, MJ-TOURNAI) has not issued its mandates yet. The real
// conditional-release model runs on the real engine with the platform's real workers and store; the
// test holds a worker's jobs (its handler waits until the test lets it go) to fix the order in which
// the process's issue jobs and the move's re-routing run. Each order must end the same: one open mandate per kind, addressed to
// the newest domicile's recipient, each followed up once, no incident, nothing left with the old one.
describe(`a move before the first mandates are issued, on ${testDatabase}`, () => {
  jest.setTimeout(120_000);
  let engine: TestEngine;
  let client: EngineClient;
  let store: TestStore;
  let ctx: ServiceContext;
  let h: CaseHarness;
  /** Task types whose jobs wait, each until its gate opens. */
  const held = new Map<string, { opened: Promise<void>; open: () => void }>();
  /** The variables of every move job the workers were handed. */
  const moveJobs: Array<Record<string, unknown>> = [];

  // One engine and one store for the file: decision and move ids stay unique, so no message of one
  // test is taken for another's (the engine keeps each message for its time to live).
  beforeAll(async () => {
    h = await startCaseHarness({
      storePrefix: 'iplus-move-first-',
      handle: (w) => async (job, d) => {
        if (w.taskType === MOVE) moveJobs.push(job.variables);
        await held.get(w.taskType)?.opened;
        return w.handle(job, d);
      },
    });
    ({ engine, client, store, ctx } = h);
  }, 120_000);
  afterAll(() => h?.close());
  afterEach(() => {
    for (const type of [...held.keys()]) letGo(type);
  });

  /** The jobs of this type wait (activated by the platform's worker, not handled) until `letGo`. */
  const hold = (type: string) => {
    let open!: () => void;
    const opened = new Promise<void>((r) => (open = r));
    held.set(type, { opened, open });
  };
  const letGo = (type: string) => {
    held.get(type)?.open();
    held.delete(type);
  };
  /** Jobs of a type the instance has, not yet completed (waiting, or held by the test). */
  const jobsWaiting = (instance: string, type: string) =>
    engine.query<{ key: number }>(
      "SELECT key FROM job WHERE process_instance_key = ? AND type = ? AND state IN ('ACTIVATABLE', 'ACTIVATED')",
      Number(instance),
      type,
    ).length;
  /** Waits until `check` holds; fails at once, with its message, if the instance has an incident. */
  const until = async (what: string, check: () => boolean | Promise<boolean>, instance?: string) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [incident] = instance ? incidents(instance) : [];
      if (incident) throw new Error(`waiting for ${what}: incident "${incident.error_message}"`);
      if (await check()) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const mandates = (decisionId: string) =>
    store.db
      .selectFrom('mandates')
      .select(['id', 'kind', 'recipient_id', 'status', 'origin'])
      .where('decision_id', '=', decisionId)
      .orderBy('id')
      .execute();
  const open = async (decisionId: string) =>
    (await mandates(decisionId))
      .filter((m) => m.status !== 'closed')
      .map((m) => `${m.kind}:${m.recipient_id}`)
      .sort();
  const incidents = (instance: string) =>
    engine.query<{ error_message: string }>(
      "SELECT error_message FROM incident WHERE state = 'ACTIVE' AND process_instance_key = ?",
      Number(instance),
    );
  /** The decision's mandates chased by an active mandate-follow-up instance, one entry per instance. */
  const followedUp = async (decisionId: string) => {
    const ids = new Set((await mandates(decisionId)).map((m) => m.id));
    return engine
      .query<{ value: string }>(
        `SELECT v.value FROM variable v JOIN process_instance p ON p.key = v.process_instance_key
         WHERE p.bpmn_process_id = 'mandate-follow-up' AND p.state = 'ACTIVE'
           AND v.name = 'mandateId' AND v.scope_key = v.process_instance_key`,
      )
      .map((r) => JSON.parse(r.value) as string)
      .filter((m) => ids.has(m))
      .sort();
  };
  const moveApplied = async (moveId: string) =>
    !!(
      await store.db
        .selectFrom('decision_changes')
        .select('applied_at')
        .where('id', '=', moveId)
        .executeTakeFirstOrThrow()
    ).applied_at;

  /** The decision's recorded process instance (undefined until the outbox has started it). */
  const instanceOf = async (decisionId: string) =>
    (
      await store.db
        .selectFrom('decisions')
        .select('process_instance_key')
        .where('id', '=', decisionId)
        .executeTakeFirstOrThrow()
    ).process_instance_key ?? undefined;

  /** A decision uploaded whose process has issued its first two mandates (no job held). */
  async function uploadedAndIssued(n: number): Promise<{ id: string; instance: string | undefined }> {
    const up = await uploadDecision(ctx, clerk, {
      decision: cominesDecision(`TAP-MONS-2026-MOVE-FIRST-${n}`),
      document: { fileName: 'd.pdf', bytes: samplePdf() },
    });
    const id = up.decision.id;
    await until('the first mandates issued', async () => (await open(id)).length === 2);
    return { id, instance: await instanceOf(id) };
  }

  /** A decision uploaded; its process routed the old domicile and waits at both issue jobs. */
  async function uploadedAndWaiting(n: number): Promise<{ id: string; instance: string }> {
    const up = await uploadDecision(ctx, clerk, {
      decision: cominesDecision(`TAP-MONS-2026-MOVE-FIRST-${n}`),
      document: { fileName: 'd.pdf', bytes: samplePdf() },
    });
    const id = up.decision.id;
    const instance = await eventually(() => instanceOf(id), 30_000, 'the process instance');
    await until('both issue jobs wait', () => jobsWaiting(instance, ISSUE) === 2);
    expect(engine.variables(instance).routing).toMatchObject({ policeZoneId: 'PZ-5318' });
    return { id, instance };
  }

  it('the move is re-routed first: it issues to the new recipients, the process stands down', async () => {
    hold(ISSUE);
    const { id, instance } = await uploadedAndWaiting(1);
    const moveId = await recordMove(ctx, clerk, id, MONS);
    await until('the move re-routed', () => moveApplied(moveId));
    expect(await open(id)).toEqual(['guidance:MJ-MONS', 'police_check:PZ-5324']);

    letGo(ISSUE);
    await until(
      'both issue jobs done',
      () => engine.path(instance).filter((e) => e === 'LeftToMove').length === 2,
      instance,
    );
    expect(incidents(instance)).toEqual([]);
    const all = await mandates(id);
    expect(all.map((m) => `${m.kind}:${m.recipient_id}:${m.status}`).sort()).toEqual([
      'guidance:MJ-MONS:issued',
      'police_check:PZ-5324:issued',
    ]);
    await until('each mandate followed up', async () => (await followedUp(id)).length === 2);
    expect(await followedUp(id)).toEqual(all.map((m) => m.id).sort());
    expect(engine.instanceState(instance)).toBe('ACTIVE');
  });

  it('the process issues first: its own mandates go to the newest domicile, the re-routing finds them right', async () => {
    hold(ISSUE);
    hold(MOVE);
    const { id, instance } = await uploadedAndWaiting(2);
    await recordMove(ctx, clerk, id, MONS);
    await until('the move job waits', () => jobsWaiting(instance, MOVE) === 1);

    letGo(ISSUE);
    await until('both mandates issued', async () => (await open(id)).length === 2, instance);
    const own = await mandates(id);
    expect(own.map((m) => `${m.kind}:${m.recipient_id}:${m.origin}`).sort()).toEqual([
      'guidance:MJ-MONS:process',
      'police_check:PZ-5324:process',
    ]);

    letGo(MOVE);
    await until('the move job done', () => engine.path(instance).includes('MovedEnd'), instance);
    expect(incidents(instance)).toEqual([]);
    expect(await mandates(id)).toEqual(own); // nothing closed, nothing issued again
    await until('each mandate followed up', async () => (await followedUp(id)).length === 2);
    expect(await followedUp(id)).toEqual(own.map((m) => m.id).sort());
  });

  it('a move to a region not live: the process issues nothing, the new coordinator is told', async () => {
    hold(ISSUE);
    hold(MOVE);
    const { id, instance } = await uploadedAndWaiting(3);
    await recordMove(ctx, clerk, id, ANTWERPEN);
    await until('the move job waits', () => jobsWaiting(instance, MOVE) === 1);

    letGo(ISSUE);
    await until(
      'both issue jobs stood down',
      () => engine.path(instance).filter((e) => e === 'LeftToMove').length === 2,
      instance,
    );
    letGo(MOVE);
    await until('the move job done', () => engine.path(instance).includes('MovedEnd'), instance);
    expect(incidents(instance)).toEqual([]);
    expect(await mandates(id)).toEqual([]);
    const told = await store.db
      .selectFrom('notifications')
      .select(['agency_id', 'detail'])
      .where('decision_id', '=', id)
      .where('kind', '=', 'old_channel')
      .execute();
    expect(told).toEqual([
      { agency_id: 'COORD-BE-VAN', detail: expect.stringMatching(/police check and guidance the old way/) },
    ]);
  });

  it('two moves whose re-routings run newest first: the older one does nothing', async () => {
    hold(MOVE);
    const { id, instance } = await uploadedAndIssued(4);
    expect(await open(id)).toEqual(['guidance:MJ-TOURNAI', 'police_check:PZ-5318']);
    const toMons = await recordMove(ctx, clerk, id, MONS);
    const toTournai = await recordMove(ctx, clerk, id, TOURNAI);
    await until('both move jobs wait', () => jobsWaiting(instance!, MOVE) === 2);

    const routingOf = (nis: string) =>
      evaluateRouting(client, {
        province: 'BE-WHT',
        nis,
        measure: 'conditional_release',
        electronicMonitoring: false,
        language: 'fr',
      });
    const bng = new RegisterAdapter();
    const actor = systemActor(MOVE);
    expect(await applyMove(ctx, bng, id, toTournai, await routingOf('57081'), actor)).toMatchObject({
      reissued: [expect.stringMatching(/-POL-2$/)],
    });
    expect(await applyMove(ctx, bng, id, toMons, await routingOf('53053'), actor)).toEqual({
      reissued: [],
      oldChannel: false,
    });
    expect(await open(id)).toEqual(['guidance:MJ-TOURNAI', 'police_check:PZ-5316']);
    expect((await mandates(id)).map((m) => m.recipient_id)).not.toContain('PZ-5324');

    // the held jobs find their moves applied and change nothing
    letGo(MOVE);
    await until(
      'both move jobs done',
      () => engine.path(instance!).filter((e) => e === 'MovedEnd').length === 2,
      instance!,
    );
    expect(incidents(instance!)).toEqual([]);
    expect(await open(id)).toEqual(['guidance:MJ-TOURNAI', 'police_check:PZ-5316']);
    const closedFor = await store.db
      .selectFrom('notifications')
      .select('agency_id')
      .where('decision_id', '=', id)
      .where('kind', '=', 'mandate_closed')
      .execute();
    expect(closedFor.map((n) => n.agency_id)).toEqual(['PZ-5318']);
  });

  it('two moves recorded back to back: each move job carries its own move and its own routing', async () => {
    hold(MOVE);
    const { id, instance } = await uploadedAndIssued(6);
    const toMons = await recordMove(ctx, clerk, id, MONS);
    const toTournai = await recordMove(ctx, clerk, id, TOURNAI);
    await until('both move jobs wait', () => jobsWaiting(instance!, MOVE) === 2);
    await until('both handed to the worker', () => moveJobs.filter((v) => v.decisionId === id).length === 2);
    // the two event subprocess instances keep their `move` and `newRouting` apart (a process-wide
    // variable let the second move's message overwrite the first's before its routing ran)
    const carried = moveJobs
      .filter((v) => v.decisionId === id)
      .map((v) => [v.moveId, (v.routing as { policeZoneId: string }).policeZoneId])
      .sort();
    expect(carried).toEqual(
      [
        [toMons, 'PZ-5324'],
        [toTournai, 'PZ-5316'],
      ].sort(),
    );
    letGo(MOVE);
    await until(
      'both move jobs done',
      () => engine.path(instance!).filter((e) => e === 'MovedEnd').length === 2,
      instance!,
    );
    expect(incidents(instance!)).toEqual([]);
    expect(await open(id)).toEqual(['guidance:MJ-TOURNAI', 'police_check:PZ-5316']);
  });

  it('a move committed while an issue job decides (after its reads, before the lock): it decides again', async () => {
    hold(ISSUE);
    hold(MOVE);
    const { id, instance } = await uploadedAndWaiting(5);
    /** The routing, with a move recorded once while the use case waits for it (the race, made certain). */
    const racing = (to: typeof MONS): RouteCase => {
      let moved = false;
      return async (c) => {
        const out = await evaluateRouting(client, c);
        if (!moved) {
          moved = true;
          await recordMove(ctx, clerk, id, to);
        }
        return out;
      };
    };
    const issue = async (kind: 'police_check' | 'guidance', recipientId: string, route: RouteCase) => {
      const issued = await issueToCurrentDomicile(
        ctx,
        { decisionId: id, kind, recipientId, deadline: 'PT24H', processInstanceKey: instance },
        route,
        systemActor(ISSUE),
      );
      if (issued === NOT_CLAIMED) throw new Error('the instance was not claimed');
      return issued;
    };
    // never moved when it read: checked against Comines, then the move to Mons lands before the lock
    expect((await issue('police_check', 'PZ-5318', racing(MONS)))?.id).toMatch(/-POL$/);
    expect(await open(id)).toEqual(['police_check:PZ-5324']);
    // moved (Mons) when it read: routed for Mons, then a move to Tournai lands before the lock
    expect((await issue('guidance', 'MJ-TOURNAI', racing(TOURNAI)))?.id).toMatch(/-JH$/);
    expect(await open(id)).toEqual(['guidance:MJ-TOURNAI', 'police_check:PZ-5324']);

    // the held jobs: the process's find their mandates; the Mons move is superseded, Tournai's re-routes
    letGo(ISSUE);
    letGo(MOVE);
    await until(
      'both move jobs done',
      () => engine.path(instance).filter((e) => e === 'MovedEnd').length === 2,
      instance,
    );
    await until(
      'both issue jobs done',
      () => engine.path(instance).filter((e) => e === 'IssueMandate').length === 2,
      instance,
    );
    expect(incidents(instance)).toEqual([]);
    expect(await open(id)).toEqual(['guidance:MJ-TOURNAI', 'police_check:PZ-5316']);
  });
});
