import { ManualClock } from '../../engine/src/clock/manual-clock';
import { startTestEngine, type TestEngine } from '../../engine/src/test-support/engine-harness';
import { TEST_CLIENT } from '../../engine/src/test-support/test-credentials';
import { gentDecision, jsonUpload } from '../../platform/src/__fixtures__/sample-decision';
import { eventually } from '../../platform/src/__fixtures__/engine-process';
import { startTestPlatform, type TestPlatform } from '../../platform/src/__fixtures__/test-platform';

interface Switch {
  id: string;
  status: string;
  kind: string;
  dueAt: string;
  processInstanceKey: string;
  requestedBy: string;
  doneBy: string | null;
  tableVersion: number | null;
}
type Rollout = { provinces: Array<{ province: string; state: string; liveMunicipalities: number }> };

// Plans a few days ahead: the whole file moves the clock less than the 30 days a demo token lives.
const DAY = 24 * 3600 * 1000;

// A planned go-live on a controlled clock: the engine runs in this process on a ManualClock (tests
// only: `iplus start` has no such clock), the platform reads the same clock, and the switch happens
// when the test moves time past the planned date — through the engine's timer, not the platform.
describe('planned rollout switch (process rollout-switch) on a manual clock', () => {
  jest.setTimeout(120_000);
  let engine: TestEngine;
  let t: TestPlatform;

  beforeAll(async () => {
    // after the sample decisions' dates, so they can be uploaded
    engine = await startTestEngine({ clock: new ManualClock(Date.UTC(2026, 11, 1, 9, 0, 0)) });
    t = await startTestPlatform({
      zeebeAddress: engine.address,
      engineConnection: {
        credentials: { kind: 'basic', username: TEST_CLIENT.clientId, password: TEST_CLIENT.clientSecret },
      },
      clock: { now: () => new Date(engine.clock.now()) },
    });
    await eventually(
      async () => {
        const h = (await (await fetch(`${t.url}/health`)).json()) as {
          parts: { routing: { status: string }; models: { status: string }; workers: { status: string } };
        };
        return h.parts.routing.status === 'up' &&
          h.parts.models.status === 'up' &&
          h.parts.workers.status === 'up'
          ? true
          : undefined;
      },
      60_000,
      'platform ready',
    );
  });
  afterAll(async () => {
    await t?.close();
    await engine?.close();
  });

  const state = async (p: string) =>
    (await t.as<Rollout>('admin', 'GET', '/api/routing/rollout')).body.provinces.find(
      (x) => x.province === p,
    )!;

  it('applies a go-live when the engine timer fires, not before', async () => {
    const at = new Date(engine.clock.now() + 3 * DAY).toISOString();
    const planned = await t.as<Switch>('admin', 'POST', '/api/routing/rollout/schedule', {
      province: 'BE-VLI',
      live: true,
      at,
      reason: 'Limburg goes live after Antwerp',
    });
    expect(planned.status).toBe(201);
    expect(planned.body).toMatchObject({
      kind: 'scheduled',
      status: 'scheduled',
      dueAt: at,
      requestedBy: 'admin',
    });
    expect(engine.instanceState(planned.body.processInstanceKey)).toBe('ACTIVE');
    engine.clock.advance(3 * DAY - 60_000);
    expect((await state('BE-VLI')).state).toBe('old_channel');
    engine.clock.advance(60_000);
    const done = await eventually(
      async () => {
        const h = await t.as<{ switches: Switch[] }>('admin', 'GET', '/api/routing/rollout/BE-VLI/history');
        const s = h.body.switches.find((x) => x.id === planned.body.id);
        return s?.status === 'applied' ? s : undefined;
      },
      30_000,
      'planned switch applied',
    );
    expect(done.doneBy).toBe('iplus:apply-rollout-switch');
    expect(done.tableVersion).toBe(2);
    expect(await state('BE-VLI')).toMatchObject({ state: 'live', liveMunicipalities: 38 });
    const preview = await t.as<{ live: boolean }>(
      'admin',
      'GET',
      '/api/routing/preview?nis=71011&measure=conditional_release',
    );
    expect(preview.body.live).toBe(true);
    await engine.until(
      () => engine.instanceState(planned.body.processInstanceKey) === 'COMPLETED',
      'instance done',
    );
  });

  it('cancels a planned switch before it fires: the instance is cancelled and nothing changes', async () => {
    const planned = await t.as<Switch>('coord.hainaut', 'POST', '/api/routing/rollout/schedule', {
      province: 'BE-WHT',
      live: false,
      at: new Date(engine.clock.now() + DAY).toISOString(),
      reason: 'maintenance window',
    });
    expect(planned.status).toBe(201);
    const past = await t.as<{ errors: Array<{ code: string }> }>(
      'coord.hainaut',
      'POST',
      '/api/routing/rollout/schedule',
      {
        province: 'BE-WHT',
        live: true,
        at: new Date(engine.clock.now() - 1000).toISOString(),
      },
    );
    expect(past.status).toBe(400);
    expect(past.body.errors[0]!.code).toBe('in_the_past');
    const foreign = await t.as('coord.hainaut', 'POST', '/api/routing/rollout/schedule', {
      province: 'BE-VAN',
      live: true,
      at: new Date(engine.clock.now() + DAY).toISOString(),
    });
    expect(foreign.status).toBe(403);
    const cancelled = await t.as<Switch>(
      'coord.hainaut',
      'DELETE',
      `/api/routing/rollout/schedule/${planned.body.id}`,
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(engine.instanceState(planned.body.processInstanceKey)).toBe('TERMINATED');
    expect(
      (await t.as('coord.hainaut', 'DELETE', `/api/routing/rollout/schedule/${planned.body.id}`)).status,
    ).toBe(409);
    engine.clock.advance(2 * DAY);
    expect((await state('BE-WHT')).state).toBe('live');
    const versions = await t.as<unknown[]>('admin', 'GET', '/api/routing/tables/BE-WHT/versions');
    expect(versions.body).toHaveLength(1);
  });

  it('re-sends the open old-channel cases through the platform when a planned go-live fires, if asked', async () => {
    const up = await t.as<{ id: string }>(
      'clerk.gent',
      'POST',
      '/api/decisions',
      jsonUpload(gentDecision('SURB-GENT-2026-PLANNED')),
    );
    expect(up.status).toBe(201);
    await eventually(
      async () => {
        const r = await t.as<{ status: string }>('clerk.gent', 'GET', `/api/decisions/${up.body.id}`);
        return r.body.status === 'old_channel' ? true : undefined;
      },
      20_000,
      'old channel',
    );
    const planned = await t.as<Switch>('coord.oost-vlaanderen', 'POST', '/api/routing/rollout/schedule', {
      province: 'BE-VOV',
      live: true,
      at: new Date(engine.clock.now() + DAY).toISOString(),
      resendOldChannel: true,
    });
    expect(planned.status).toBe(201);
    // planned, not fired: the case stays on the old channel
    expect(
      (await t.as<{ status: string }>('clerk.gent', 'GET', `/api/decisions/${up.body.id}`)).body.status,
    ).toBe('old_channel');
    engine.clock.advance(DAY);
    const d = await eventually(
      async () => {
        const r = await t.as<{ status: string; mandates: Array<{ kind: string }> }>(
          'clerk.gent',
          'GET',
          `/api/decisions/${up.body.id}`,
        );
        return r.body.status === 'routed' && r.body.mandates.length === 2 ? r.body : undefined;
      },
      30_000,
      're-sent and routed',
    );
    expect(d.mandates.map((m) => m.kind).sort()).toEqual(['guidance', 'police_check']);
    const h = await t.as<{ switches: Array<Switch & { detail: string }> }>(
      'coord.oost-vlaanderen',
      'GET',
      '/api/routing/rollout/BE-VOV/history',
    );
    expect(h.body.switches[0]).toMatchObject({
      id: planned.body.id,
      status: 'applied',
      detail: '1 old-channel case(s) re-sent through the platform',
    });
  });
});
