/**
 * A police zone's inbox, open in real Chromium, shows a new mandate by itself: the page waits for its
 * inbox to change (GET /api/mandates/changes) and reads it again then, without a click on "refresh".
 */
import { cominesDecision, jsonUpload } from '../../../platform/src/__fixtures__/sample-decision';
import { apiAs, eventually } from './support/api';
import { login, openBrowser, type Browser } from './support/browser';
import { startPlatform, type RunningPlatform } from './support/platform';

jest.setTimeout(300_000);

let platform: RunningPlatform;
let b: Browser;

beforeAll(async () => {
  platform = await startPlatform();
  b = await openBrowser(platform.url);
});
afterAll(async () => {
  await b?.close();
  await platform?.stop();
});

test('a mandate issued while the agent looks at the inbox appears there without a refresh', async () => {
  const { page } = b;
  await login(page, platform.user('police_agent'), 'fr');
  await page.waitForURL(/#\/inbox$/);
  await page.locator('p[role=status].muted').waitFor();
  // what the page asks for from now on: its waits for a change, its reads of the inbox
  const waits: string[] = [];
  let reads = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/mandates/changes')) waits.push(r.url());
    else if (/\/api\/mandates\?/.test(r.url())) reads++;
  });
  // the page is waiting for a change (its first call gave it the inbox's position)
  await eventually('the inbox waiting for a change', async () =>
    waits.some((u) => u.includes('since=')) ? true : undefined,
  );
  const readsBefore = reads;

  // a parquet uploads a decision for a person in Comines-Warneton: the process issues the zone's mandate
  const decision = await apiAs<{ id: string }>(
    platform.url,
    platform.user('parquet_clerk'),
    'POST',
    '/api/decisions',
    jsonUpload(cominesDecision(`TAP-MONS-2026-LIVE-${Date.now().toString(36)}`)),
  );
  const mandate = await eventually(
    'the police mandate',
    async () => {
      const d = await apiAs<{ mandates: Array<{ id: string; kind: string }> }>(
        platform.url,
        platform.user('parquet_clerk'),
        'GET',
        `/api/decisions/${decision.id}`,
      );
      return d.mandates.find((m) => m.kind === 'police_check');
    },
    60_000,
  );

  // the row appears in the open inbox, read again because it changed (nothing clicked)
  await page.locator(`[data-testid=inbox] tr[data-mandate="${mandate.id}"]`).waitFor({ timeout: 30_000 });
  expect(reads).toBeGreaterThan(readsBefore);
  await b.screenshot('agent-live-inbox');
  expect(b.errors).toEqual([]);
});
