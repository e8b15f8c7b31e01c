/**
 * Issue 15 in real Chromium against `iplus start`: the parquet clerk records a move (the new
 * municipality picked with the autocomplete) and revokes a running measure from the decision's page;
 * the page shows both on the timeline, in French, and the API confirms the re-routing, then the
 * signalement ended and the mandates closed. The officer of the prison sees no clerk's actions on a
 * decision it may read, and uploads the prison leave its director granted from its own upload page.
 */
import { apiAs, eventually } from './support/api';
import { login, logout, openBrowser, type Browser } from './support/browser';
import { decisionBody, nrnOf } from './support/decision-body';
import { chooseMunicipality, daysAgo, go, waitForText } from './support/page-helpers';
import { makePdf } from './support/pdf';
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
  input: {
    authority: string;
    measure: string;
    prisonId?: string;
    person: { domicile: { postalCode: string; municipalityNis: string } };
  };
  signalement: { status: string } | null;
  mandates: Array<{ kind: string; recipientId: string; status: string }>;
}

test('clerk: records a move (municipality autocomplete) and revokes the measure; the timeline shows both', async () => {
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
  // the move: the municipality autocompletes by postal code, which also picks the postal code
  await page.getByText('Enregistrer un changement de domicile').click();
  await chooseMunicipality(page, 'move-municipality', '7500', /Tournai/);
  expect(await page.locator('#move-postalCode').inputValue()).toBe('7500');
  await page.locator('#move-street').fill('Rue Royale');
  await page.locator('#move-number').fill('3');
  await page.getByRole('button', { name: 'Enregistrer le nouveau domicile' }).click();
  await waitForText(page.locator('[data-testid=timeline]'), /Changement de domicile/);
  const moved = await eventually('re-routed to Tournai', async () => {
    const d = await apiAs<Decision>(platform.url, clerk, 'GET', `/api/decisions/${id}`);
    return d.mandates.some((m) => m.recipientId === 'PZ-5316' && m.status !== 'closed') ? d : undefined;
  });
  expect(moved.input.person.domicile).toMatchObject({ postalCode: '7500', municipalityNis: '57081' });

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

test("prison officer: uploads a prison leave of a person it holds, from the prison's upload page", async () => {
  const { page } = b;
  const officer = platform.user('officer.tournai');
  await login(page, officer, 'fr');
  await page.getByRole('link', { name: 'Déposer un congé pénitentiaire' }).click();
  await page.locator('#main h1', { hasText: 'Déposer un congé pénitentiaire' }).waitFor();
  // the measure, the authority and the prison are the prison's own, not chosen
  expect(await page.locator('#measure').inputValue()).toBe('prison_leave');
  expect(await page.locator('#measure').isDisabled()).toBe(true);
  expect(await page.locator('#authority').inputValue()).toBe('prison_director');
  expect(await page.locator('#prisonId').inputValue()).toBe('PRISON-TOURNAI');
  await page.locator('#reference').fill('PRISON-TOURNAI-2026-E2E-LEAVE');
  await page.locator('#decisionDate').fill(daysAgo(1));
  await page.locator('#court').fill('Direction de la prison de Tournai');
  await page.locator('#person-nrn').pressSequentially(nrnOf('880412', '057'));
  await page.locator('#person-lastName').fill('Leclercq');
  await page.locator('#person-firstNames').fill('Paul');
  await chooseMunicipality(page, 'domicile-municipality', '7780', /Comines-Warneton/);
  await page.locator('#domicile-street').fill('Rue de la Gare');
  await page.locator('#domicile-number').fill('14');
  await page.locator('#document').setInputFiles({
    name: 'conge.pdf',
    mimeType: 'application/pdf',
    buffer: makePdf('Congé pénitentiaire, prison de Tournai'),
  });
  await page.getByRole('button', { name: 'Déposer la décision' }).click();
  await page.waitForURL(/#\/decisions\/[^/?]+\?uploaded=1$/);
  const id = decodeURIComponent(/#\/decisions\/([^/?]+)/.exec(page.url())![1]);
  await b.screenshot('lifecycle-2-prison-leave');

  const routed = await eventually('prison leave routed', async () => {
    const d = await apiAs<Decision>(platform.url, officer, 'GET', `/api/decisions/${id}`);
    return d.signalement && d.mandates.length === 2 ? d : undefined;
  });
  expect(routed.input).toMatchObject({
    authority: 'prison_director',
    measure: 'prison_leave',
    prisonId: 'PRISON-TOURNAI',
  });
  // the parquet of the domicile follows it as its own
  const parquet = await apiAs<Decision>(
    platform.url,
    platform.user('clerk.mons'),
    'GET',
    `/api/decisions/${id}`,
  );
  expect(parquet.id).toBe(id);
  await logout(page);
});
