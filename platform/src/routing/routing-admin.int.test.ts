import { startEngineProcess, eventually, type EngineProcess } from '../__fixtures__/engine-process';
import { startTestPlatform, type TestPlatform } from '../__fixtures__/test-platform';

interface Routing {
  policeZoneId: string | null;
  justiceHouseId: string | null;
  monitoringCentreId: string | null;
  parquetId: string | null;
  live: boolean;
  recipients: Array<{ kind: string; agencyId: string | null }>;
  province: string;
}
interface Problem {
  code: string;
  detail: string;
  errors?: Array<{ message: string }>;
}

// Routing preview, versioned tables with saved test cases, and rollout, evaluated by the real
// engine's DMN over gRPC (EvaluateDecision), with the generated tables of bpmn/routing.
describe('routing administration with the real engine', () => {
  jest.setTimeout(120_000);
  let engine: EngineProcess;
  let t: TestPlatform;
  const preview = (q: string) => t.as<Routing>('coord.hainaut', 'GET', `/api/routing/preview?${q}`);

  beforeAll(async () => {
    engine = await startEngineProcess();
    t = await startTestPlatform({ zeebeAddress: engine.address, engineConnection: engine.connection });
    await eventually(
      async () => {
        const h = (await (await fetch(`${t.url}/health`)).json()) as {
          parts: { routing: { status: string } };
        };
        return h.parts.routing.status === 'up' ? true : undefined;
      },
      60_000,
      'routing tables deployed',
    );
  });
  afterAll(async () => {
    await t?.close();
    await engine?.stop();
  });

  it('previews where a case would go, by NIS code or postcode, starting nothing', async () => {
    const r = await preview('nis=57097&measure=conditional_release');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      province: 'BE-WHT',
      policeZoneId: 'PZ-5318',
      justiceHouseId: 'MJ-TOURNAI',
      parquetId: 'PAR-MONS-TOURNAI',
      live: true,
    });
    expect(r.body.recipients).toEqual([
      { kind: 'police_check', agencyId: 'PZ-5318' },
      { kind: 'guidance', agencyId: 'MJ-TOURNAI' },
    ]);
    const em = await preview('postalCode=7780&measure=electronic_monitoring');
    expect(em.body.monitoringCentreId).toBe('EM-DSE-FWB');
    expect(em.body.recipients).toHaveLength(3);
    const gent = await preview('nis=44021&measure=conditional_release');
    expect(gent.body).toMatchObject({ province: 'BE-VOV', live: false });
    const unknown = await t.as<Problem>(
      'coord.hainaut',
      'GET',
      '/api/routing/preview?nis=99999&measure=conditional_release',
    );
    expect(unknown.status).toBe(400);
    expect((await t.as<unknown[]>('admin', 'GET', '/api/decisions')).body).toMatchObject({ items: [] });
  });

  it('refuses a table that fails its saved test cases; the version processes use does not change', async () => {
    const current = await t.as<{ xml: string; version: number; tests: unknown[] }>(
      'coord.hainaut',
      'GET',
      '/api/routing/tables/BE-WHT',
    );
    expect(current.body.version).toBe(1);
    expect(current.body.tests.length).toBeGreaterThan(0);
    const broken = current.body.xml.replace('<text>"PZ-5318"</text>', '<text>"PZ-5317"</text>');
    const put = await t.as<Problem>('coord.hainaut', 'PUT', '/api/routing/tables/BE-WHT', {
      xml: broken,
      comment: 'oops',
    });
    expect(put.status).toBe(422);
    expect(put.body.code).toBe('routing_tests_failed');
    expect(put.body.detail).toContain('policeZoneId: expected "PZ-5318", got "PZ-5317"');
    expect((await preview('nis=57097&measure=conditional_release')).body.policeZoneId).toBe('PZ-5318');
    const invalid = await t.as<Problem>('coord.hainaut', 'PUT', '/api/routing/tables/BE-WHT', {
      xml: '<definitions>not dmn',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe('routing_table_invalid');
  });

  it('deploys a table that passes, with its version history, only for the province’s coordinator', async () => {
    const current = await t.as<{ xml: string }>('coord.hainaut', 'GET', '/api/routing/tables/BE-WHT');
    // Mouscron (57096) is not among the saved cases: move it to another zone.
    const edited = current.body.xml.replace(
      /(<rule id="routes-BE-WHT-57096">[\s\S]*?<outputEntry id="routes-BE-WHT-57096-o1">\s*<text>)"[^"]*"/,
      '$1"PZ-5318"',
    );
    expect(edited).not.toBe(current.body.xml);
    expect(
      (await t.as('coord.oost-vlaanderen', 'PUT', '/api/routing/tables/BE-WHT', { xml: edited })).status,
    ).toBe(403);
    const put = await t.as<{ version: number; decisionKey: string }>(
      'coord.hainaut',
      'PUT',
      '/api/routing/tables/BE-WHT',
      { xml: edited, comment: 'Mouscron merged' },
    );
    expect(put.status).toBe(201);
    expect(put.body.version).toBe(2);
    expect((await preview('nis=57096&measure=conditional_release')).body.policeZoneId).toBe('PZ-5318');
    const versions = await t.as<Array<{ version: number; deployedBy: string; comment: string }>>(
      'coord.hainaut',
      'GET',
      '/api/routing/tables/BE-WHT/versions',
    );
    expect(versions.body.slice(0, 2)).toEqual([
      expect.objectContaining({ version: 2, deployedBy: 'coord.hainaut', comment: 'Mouscron merged' }),
      expect.objectContaining({ version: 1, deployedBy: 'system' }),
    ]);
    const v1 = await t.as<{ xml: string }>('coord.hainaut', 'GET', '/api/routing/tables/BE-WHT/versions/1');
    expect(v1.body.xml).toBe(current.body.xml);
  });

  it('saved test cases are replaced only by cases that pass against the current table', async () => {
    const failing = [
      { name: 'wrong', nis: '57097', measure: 'conditional_release', expect: { justiceHouseId: 'MJ-MONS' } },
    ];
    expect(
      (await t.as<Problem>('coord.hainaut', 'PUT', '/api/routing/tables/BE-WHT/tests', failing)).status,
    ).toBe(422);
    const passing = [
      {
        name: 'Comines',
        nis: '57097',
        measure: 'conditional_release',
        expect: { justiceHouseId: 'MJ-TOURNAI' },
      },
    ];
    expect((await t.as('coord.hainaut', 'PUT', '/api/routing/tables/BE-WHT/tests', passing)).status).toBe(
      200,
    );
    expect((await t.as<unknown[]>('coord.hainaut', 'GET', '/api/routing/tables/BE-WHT/tests')).body).toEqual(
      passing,
    );
  });

  it('switches a region off and on: the routing decision follows', async () => {
    const before = await t.as<{
      provinces: Array<{ province: string; arrondissements: Array<{ name: string; live: boolean }> }>;
    }>('coord.hainaut', 'GET', '/api/routing/rollout');
    expect(before.body.provinces.find((p) => p.province === 'BE-WHT')!.arrondissements).toMatchObject([
      { name: 'Hainaut', live: true },
    ]);
    const off = await t.as('coord.hainaut', 'PUT', '/api/routing/rollout', {
      province: 'BE-WHT',
      arrondissement: 'Hainaut',
      live: false,
      reason: 'test of the switch',
    });
    expect(off.status).toBe(200);
    expect((await preview('nis=57097&measure=conditional_release')).body.live).toBe(false);
    expect(
      (await t.as('coord.hainaut', 'PUT', '/api/routing/rollout', { province: 'BE-VOV', live: true })).status,
    ).toBe(403);
    const on = await t.as('coord.hainaut', 'PUT', '/api/routing/rollout', { province: 'BE-WHT', live: true });
    expect(on.status).toBe(200);
    expect((await preview('nis=57097&measure=conditional_release')).body.live).toBe(true);
    const versions = await t.as<Array<{ source: string }>>(
      'coord.hainaut',
      'GET',
      '/api/routing/tables/BE-WHT/versions',
    );
    expect(versions.body.filter((v) => v.source === 'rollout')).toHaveLength(2);
  });
});
