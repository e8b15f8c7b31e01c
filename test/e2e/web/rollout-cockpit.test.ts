import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startTestEngine, type TestEngine } from '../../../engine/src/test-support/engine-harness';
import { TEST_CLIENT } from '../../../engine/src/test-support/test-credentials';
import { startPlatform as startIplusPlatform, type RunningPlatform } from '../../../platform/src/index';
import { apiAs, eventually } from './support/api';
import { login, openBrowser, type Browser } from './support/browser';
import { go, waitForText } from './support/page-helpers';
import { REPO, type DemoUser } from './support/platform';

// A coordinator takes East Flanders live on a controlled clock, in Chromium: checks readiness, plans
// the go-live, sees the engine's timer apply it, rolls back with a reason — and at each step the page
// agrees with GET /api/routing/preview for every municipality of the province.
//
// Time: the engine runs in this process on a ManualClock (test-support; `iplus start` has no way to
// get one) and the platform in this process reads the same clock, so the test moves time by hand.

const HOUR = 3600 * 1000;
let engine: TestEngine;
let platform: RunningPlatform;
let dataDir: string;
let b: Browser;
let users: Record<string, DemoUser>;

const as = <T>(who: string, method: string, p: string, body?: unknown) =>
  apiAs<T>(platform.url, users[who]!, method, p, body);

/** A datetime-local value (the browser's local time, as this process's) for `ms`. */
function localInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

beforeAll(async () => {
  for (const built of ['web/dist/index.html']) {
    if (!fs.existsSync(path.join(REPO, built))) throw new Error(`${built} is missing: run "npm run build"`);
  }
  engine = await startTestEngine();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-e2e-rollout-'));
  platform = await startIplusPlatform({
    dataDir,
    httpHost: '127.0.0.1',
    httpPort: 0,
    zeebeAddress: engine.address,
    engineConnection: {
      credentials: { kind: 'basic', username: TEST_CLIENT.clientId, password: TEST_CLIENT.clientSecret },
    },
    webRoot: path.join(REPO, 'web/dist'),
    demo: 'on',
    demoRollout: 'initial',
    clock: { now: () => new Date(engine.clock.now()) },
  });
  await platform.ready;
  users = Object.fromEntries(platform.demoCredentials.map((c) => [c.user, c as unknown as DemoUser]));
  b = await openBrowser(platform.url, 'nl-BE');
}, 180_000);

afterAll(async () => {
  await b?.close();
  await platform?.close();
  await engine?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Every municipality tile of the picture says what the routing preview says; returns how many are live. */
async function pageAgreesWithPreview(expectLive: boolean): Promise<void> {
  const { page } = b;
  const tiles = page.locator('[data-testid=rollout-picture] [data-testid^=muni-]');
  await eventually(`every tile ${expectLive ? 'live' : 'old channel'}`, async () => {
    const states = await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-live')));
    return states.length === 55 && states.every((s) => s === String(expectLive)) ? true : undefined;
  });
  const shown = await tiles.evaluateAll((els) =>
    els.map(
      (e) => [e.getAttribute('data-testid')!.slice('muni-'.length), e.getAttribute('data-live')] as const,
    ),
  );
  for (const [nis, live] of shown) {
    const r = await as<{ live: boolean }>(
      'coord.oost-vlaanderen',
      'GET',
      `/api/routing/preview?nis=${nis}&measure=conditional_release`,
    );
    expect({ nis, live: String(r.live) }).toEqual({ nis, live });
  }
  await waitForText(
    page.locator('[data-testid=state-BE-VOV]'),
    expectLive ? /actief.*55 gemeenten actief, 0/ : /oud kanaal.*0 gemeenten actief, 55/,
  );
}

test('coordinator: readiness, a planned go-live applied by the engine timer, a cancelled plan, a rollback', async () => {
  const { page } = b;
  await login(page, users['coord.oost-vlaanderen']!, 'nl');
  await go(page, '#/routing/rollout');
  await page.locator('[data-testid=rollout-picture]').waitFor();
  await pageAgreesWithPreview(false);
  await b.screenshot('rollout-1-old-channel');

  // readiness: Gent's zone and justice house are read by demo users; most zones are not
  const readiness = page.locator('[data-testid=rollout-readiness]');
  await waitForText(readiness, /Opgeslagen testgevallen: (\d+) van \1 geslaagd/);
  const gentZone = (
    await as<{ policeZoneId: string }>(
      'coord.oost-vlaanderen',
      'GET',
      '/api/routing/preview?nis=44021&measure=conditional_release',
    )
  ).policeZoneId;
  expect(await readiness.locator(`[data-testid=recipient-${gentZone}]`).getAttribute('data-unread')).toBe(
    'false',
  );
  expect(await readiness.locator('[data-testid=recipient-JH-GENT]').getAttribute('data-unread')).toBe(
    'false',
  );
  expect(await readiness.locator('tr[data-unread=true]').count()).toBeGreaterThan(3);
  await waitForText(readiness, /niemand leest ze/);

  // a municipality opens its routing
  await page.locator('[data-testid=muni-44021]').click();
  await waitForText(page.locator('[data-testid=rollout-municipality]'), new RegExp(gentZone));

  // plan the go-live two hours ahead (engine clock)
  const plan = page.locator('[data-testid=rollout-plan]');
  await page.locator('#plan-at').fill(localInput(engine.clock.now() + 2 * HOUR));
  await page.locator('#plan-reason').fill('Oost-Vlaanderen gaat live');
  await page.locator('#plan-submit').click();
  await waitForText(plan, /Omschakeling gepland/);
  const history = page.locator('[data-testid=rollout-history]');
  await waitForText(history, /Geplande omschakeling.*Oost-Vlaanderen gaat live/s);
  expect(await history.locator('tr[data-status=scheduled]').count()).toBe(1);
  await b.screenshot('rollout-2-planned');

  // not yet: a minute before the planned time nothing changed
  engine.clock.advance(2 * HOUR - 60_000);
  await go(page, '#/routing/rollout');
  await pageAgreesWithPreview(false);
  // the timer fires: the engine's job applies the switch
  engine.clock.advance(60_000);
  await eventually('planned switch applied', async () => {
    const h = await as<{ switches: Array<{ status: string }> }>(
      'coord.oost-vlaanderen',
      'GET',
      '/api/routing/rollout/BE-VOV/history',
    );
    return h.switches[0]?.status === 'applied' ? true : undefined;
  });
  await page.reload();
  await page.locator('[data-testid=rollout-picture]').waitFor();
  await pageAgreesWithPreview(true);
  expect(await history.locator('tr[data-status=applied]').count()).toBe(1);
  await b.screenshot('rollout-3-live');

  // a second plan (back to the old channel), cancelled before it fires
  await page.locator('#plan-live').selectOption('off');
  await page.locator('#plan-at').fill(localInput(engine.clock.now() + HOUR));
  await page.locator('#plan-reason').fill('onderhoud');
  await page.locator('#plan-submit').click();
  await eventually('second plan listed', async () =>
    (await history.locator('tr[data-status=scheduled]').count()) === 1 ? true : undefined,
  );
  await history.locator('tr[data-status=scheduled] button').click();
  await eventually('plan cancelled', async () =>
    (await history.locator('tr[data-status=cancelled]').count()) === 1 ? true : undefined,
  );
  engine.clock.advance(2 * HOUR);
  await page.reload();
  await page.locator('[data-testid=rollout-picture]').waitFor();
  await pageAgreesWithPreview(true);

  // rollback: one action, with a reason, in the history with who and why
  await page.locator('#rollback-reason').fill('politiezone nog niet klaar');
  await page.locator('#rollback-submit').click();
  await eventually('rolled back', async () => {
    const r = await as<{ provinces: Array<{ province: string; state: string }> }>(
      'coord.oost-vlaanderen',
      'GET',
      '/api/routing/rollout',
    );
    return r.provinces.find((p) => p.province === 'BE-VOV')!.state === 'old_channel' ? true : undefined;
  });
  await pageAgreesWithPreview(false);
  const rollback = history.locator('tr[data-kind=rollback]');
  await waitForText(rollback, /coord\.oost-vlaanderen.*politiezone nog niet klaar/s);
  await b.screenshot('rollout-4-rolled-back');
  expect(b.errors).toEqual([]);
}, 240_000);

/** The state routing applies to a province today, counted from GET /api/routing/preview of each municipality. */
async function previewState(province: string): Promise<{ state: string; live: number; old: number }> {
  const view = await as<{ municipalities: Array<{ nis: string }> }>(
    'admin',
    'GET',
    `/api/routing/rollout/${province}`,
  );
  let live = 0;
  for (const m of view.municipalities) {
    const r = await as<{ live: boolean }>(
      'admin',
      'GET',
      `/api/routing/preview?nis=${m.nis}&measure=conditional_release`,
    );
    if (r.live) live += 1;
  }
  const old = view.municipalities.length - live;
  return { state: old === 0 ? 'live' : live === 0 ? 'old_channel' : 'mixed', live, old };
}

test("the province rows say what routing applies, not the table's default row: Hainaut and Antwerpen live, Liège mixed", async () => {
  const { page } = b;
  // Antwerpen switched live (the province's default row stays old channel); in Liège, Eupen only
  await as('admin', 'PUT', '/api/routing/rollout', {
    province: 'BE-VAN',
    arrondissement: 'Antwerpen',
    live: true,
  });
  await as('admin', 'PUT', '/api/routing/rollout', {
    province: 'BE-WLG',
    arrondissement: 'Eupen',
    live: true,
  });
  await go(page, '#/routing/rollout');
  await page.locator('[data-testid=state-BE-VAN]').waitFor();
  await page.reload();
  const expected = { 'BE-WHT': 'live', 'BE-VAN': 'live', 'BE-WLG': 'mixed' } as const;
  for (const [province, state] of Object.entries(expected)) {
    const preview = await previewState(province);
    expect({ province, state: preview.state }).toEqual({ province, state });
    const badge = page.locator(`[data-testid=state-${province}]`);
    await eventually(`${province} row says ${state}`, async () =>
      (await badge.getAttribute('data-state')) === state ? true : undefined,
    );
    // the counts the row shows ("n gemeenten actief, m …") are the preview's
    await waitForText(badge, new RegExp(`\\b${preview.live} gemeenten actief, ${preview.old}\\b`));
  }
  expect(b.errors).toEqual([]);
}, 240_000);
