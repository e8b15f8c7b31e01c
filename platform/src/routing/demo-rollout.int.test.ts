import { startEngineProcess, eventually, type EngineProcess } from '../__fixtures__/engine-process';
import { startTestPlatform, type TestPlatform } from '../__fixtures__/test-platform';

type Rollout = { provinces: Array<{ province: string; state: string }> };
interface Switch {
  kind: string;
  status: string;
  dueAt: string | null;
  requestedBy: string;
}

// IPLUS_DEMO_ROLLOUT=article: a fresh demo starts at the seed article's moment.
describe('demo rollout at the seed article moment', () => {
  jest.setTimeout(120_000);
  let engine: EngineProcess;
  let t: TestPlatform;

  beforeAll(async () => {
    engine = await startEngineProcess();
    t = await startTestPlatform({
      zeebeAddress: engine.address,
      engineConnection: engine.connection,
      demoRollout: 'article',
    });
    await t.platform.ready;
  });
  afterAll(async () => {
    await t?.close();
    await engine?.stop();
  });

  it('has seven provinces live, Antwerp and Limburg planned weeks ahead, Namur and Flemish Brabant on the old channel', async () => {
    const r = await eventually(
      async () => {
        const x = await t.as<Rollout>('admin', 'GET', '/api/routing/rollout');
        return x.status === 200 ? x.body : undefined;
      },
      30_000,
      'rollout',
    );
    const state = Object.fromEntries(r.provinces.map((p) => [p.province, p.state]));
    expect(state).toEqual({
      'BE-WHT': 'live',
      'BE-VWV': 'live',
      'BE-VOV': 'live',
      'BE-WLX': 'live',
      'BE-BRU': 'live',
      'BE-WLG': 'live',
      'BE-WBR': 'live',
      'BE-VAN': 'old_channel',
      'BE-VLI': 'old_channel',
      'BE-WNA': 'old_channel',
      'BE-VBR': 'old_channel',
    });
    const now = Date.now();
    for (const [province, weeks] of [
      ['BE-VAN', 3],
      ['BE-VLI', 5],
    ] as const) {
      const h = await t.as<{ switches: Switch[] }>(
        'admin',
        'GET',
        `/api/routing/rollout/${province}/history`,
      );
      expect(h.body.switches).toEqual([
        expect.objectContaining({ kind: 'scheduled', status: 'scheduled', requestedBy: 'demo-seed' }),
      ]);
      const days = (new Date(h.body.switches[0]!.dueAt!).getTime() - now) / 86_400_000;
      expect(days).toBeGreaterThan(weeks * 7 - 1);
      expect(days).toBeLessThan(weeks * 7 + 1);
    }
    const gent = await t.as<{ live: boolean }>(
      'admin',
      'GET',
      '/api/routing/preview?nis=44021&measure=conditional_release',
    );
    expect(gent.body.live).toBe(true);
  });
});
