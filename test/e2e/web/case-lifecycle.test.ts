/**
 * Issue 15 in real Chromium against `iplus start`: the parquet clerk revokes a running measure from
 * the decision's page; the page shows the revocation on the timeline, in French, and the API
 * confirms the signalement ended and the mandates closed. The officer of the prison sees no clerk's
 * actions on a decision it may read.
 */
import { apiAs, eventually } from './support/api';
import { login, logout, openBrowser, type Browser } from './support/browser';
import { decisionBody, nrnOf } from './support/decision-body';
import { go, waitForText } from './support/page-helpers';
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

afterEach(() => {
  expect(b.errors.splice(0)).toEqual([]);
});

interface Decision {
  id: string;
  status: string;
  signalement: { status: string } | null;
  mandates: Array<{ status: string }>;
}

test('clerk: revokes a measure from the decision page; the timeline shows it', async () => {
  const clerk = platform.user('clerk.mons');
  const body = decisionBody({
    reference: 'TAP-MONS-2026-E2E-REVOKE',
    measure: 'conditional_release',
    nrn: nrnOf('850730', '033'),
    lastName: 'Dupont',
    firstNames: 'Jean',
  }) as { decision: Record<string, unknown> };
  body.decision.prisonId = 'PRISON-TOURNAI';
  const { id } = await apiAs<Decision>(platform.url, clerk, 'POST', '/api/decisions', body);
  await eventually('routed', async () => {
    const d = await apiAs<Decision>(platform.url, clerk, 'GET', `/api/decisions/${id}`);
    return d.signalement && d.mandates.length === 2 ? d : undefined;
  });

  const { page } = b;
  await login(page, platform.user('officer.tournai'), 'fr');
  await go(page, `#/decisions/${encodeURIComponent(id)}`);
  await waitForText(page.locator('[data-testid=timeline]'), /Mandat émis|Mandat/);
  expect(await page.locator('[data-testid=measure-actions]').count()).toBe(0);
  await logout(page);

  await login(page, clerk, 'fr');
  await go(page, `#/decisions/${encodeURIComponent(id)}`);
  await page.getByText('Révoquer la mesure').click();
  await page.locator('#revoke-reason').fill('nouvelle infraction');
  await page.getByRole('button', { name: 'Révoquer maintenant' }).click();
  await waitForText(page.locator('[data-testid=timeline]'), /Mesure révoquée/);
  // the measure is over: no action is offered any more
  await eventually('actions gone', async () =>
    (await page.locator('[data-testid=measure-actions]').count()) === 0 ? true : undefined,
  );
  await b.screenshot('lifecycle-1-revoked');
  const over = await eventually('measure over', async () => {
    const d = await apiAs<Decision>(platform.url, clerk, 'GET', `/api/decisions/${id}`);
    return d.signalement?.status === 'ended' && d.mandates.every((m) => m.status === 'closed')
      ? d
      : undefined;
  });
  expect(over.status).toBe('revoked');
  await waitForText(page.locator('[data-testid=timeline]'), /Signalement levé/);
  await logout(page);
});
