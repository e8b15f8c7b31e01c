/**
 * The role journeys of issue 7 in real Chromium against the real platform (`iplus start`): each logs
 * in as the demo user of its role, does the job through the UI, and checks the result through the API.
 * They run in order and build on each other: the clerk's decision is what the agents acknowledge.
 * Screenshots go to test-artifacts/web/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ZBClient } from 'zeebe-node';
import { durationUnit } from '../../../web/src/charts/duration-unit';
import { apiAs, eventually } from './support/api';
import { login, logout, openBrowser, type Browser } from './support/browser';
import { chooseMunicipality, daysAgo, go, waitForCount, waitForText } from './support/page-helpers';
import { decisionBody, nrnOf } from './support/decision-body';
import { makePdf } from './support/pdf';
import { REPO, startPlatform, type RunningPlatform } from './support/platform';

jest.setTimeout(900_000);

interface Mandate {
  id: string;
  kind: string;
  recipientId: string;
  status: string;
  issuedAt: string;
  deadline: string;
  overdue: boolean;
  acknowledgedBy: string | null;
  report: { outcome: string; breach: boolean } | null;
}
interface Decision {
  id: string;
  reference: string;
  status: string;
  processInstanceKey?: string;
  input: {
    person: { nrn: string; birthDate?: string; domicile: { municipalityNis: string; postalCode?: string } };
    conditions: { particular: Array<{ type: string; category: string; text: string }> };
  };
  mandates: Mandate[];
  timeline: Array<{ event: string; delayMs?: number }>;
}
interface Notification {
  id: string;
  kind: string;
  decisionId: string;
  mandateId?: string;
  handledAt?: string | null;
}

/** Deadline to acknowledge: short, so that an unacknowledged mandate escalates during the run. */
const ACK_DEADLINE_S = 45;
const RUN = Date.now().toString(36).toUpperCase();
/** The lazily loaded chunks: bpmn-js modeler, dmn-js, the bpmn-js viewer, pdf.js. */
const HEAVY_CHUNK = /\/(process-modeler|dmn-editor|diagram-viewer|NavigatedViewer|render-pdf)-[\w-]+\.js$/;
const PARTICULAR_TEXT = 'ne pas entrer en contact avec la victime';

let platform: RunningPlatform;
let b: Browser;
/** What a journey leaves for the next ones. */
const state: { decision?: Decision; emDecision?: Decision } = {};

const as = <T>(who: string, method: string, path: string, body?: unknown) =>
  apiAs<T>(platform.url, platform.user(who), method, path, body);

async function decisionWithMandates(id: string, kinds: string[]): Promise<Decision> {
  return eventually(
    `decision ${id} with mandates ${kinds.join(', ')}`,
    async () => {
      const d = await as<Decision>('clerk.mons', 'GET', `/api/decisions/${id}`);
      return kinds.every((k) => d.mandates.some((m) => m.kind === k)) ? d : undefined;
    },
    90_000,
  );
}

beforeAll(async () => {
  // review off (a test environment): the analyst's journey deploys directly; four eyes: model-review.test.ts
  platform = await startPlatform({ IPLUS_ACK_DEADLINE: `PT${ACK_DEADLINE_S}S`, IPLUS_MODEL_REVIEW: 'off' });
  b = await openBrowser(platform.url);
});

afterAll(async () => {
  await b?.close();
  await platform?.stop();
});

afterEach(async () => {
  // a journey must not leave uncaught errors in the page
  const errors = b.errors.splice(0);
  expect(errors).toEqual([]);
});

test('parquet clerk: uploads a decision with live NRN check, municipality autocomplete and conditions; sees the timeline', async () => {
  const { page } = b;
  // a second decision, with electronic monitoring, through the API: nobody acknowledges its police
  // mandate, so it goes overdue and escalates while the other journeys run
  const em = await as<Decision>(
    'clerk.mons',
    'POST',
    '/api/decisions',
    decisionBody({
      reference: `TAP-MONS-${RUN}-EM`,
      measure: 'electronic_monitoring',
      nrn: nrnOf('900202', '123'),
      lastName: 'Lambert',
      firstNames: 'Marc',
    }),
  );
  state.emDecision = em;

  b.scripts.splice(0);
  await login(page, platform.user('parquet_clerk'), 'fr');
  await page.waitForURL(/#\/decisions\/new$/);
  await page.locator('#reference').fill(`TAP-MONS-${RUN}-001`);
  // the heavy modelers and pdf.js are not loaded for the login and upload pages
  expect(b.scripts.filter((s) => HEAVY_CHUNK.test(s))).toEqual([]);
  await page.locator('#decisionDate').fill(daysAgo(2));
  await page.locator('#court').fill("Tribunal de l'application des peines de Mons");

  // the national register number is checked as it is typed
  await page.locator('#person-nrn').pressSequentially('85073003329');
  await waitForText(page.locator('#person-nrn-error'), /chiffres de contrôle/);
  await b.screenshot('clerk-1-nrn-checksum');
  await page.locator('#person-nrn').fill('');
  await page.locator('#person-nrn').pressSequentially('85.07.30-033.28');
  await waitForText(page.getByTestId('nrn-ok'), /85\.07\.30-033\.28/);
  expect(await page.locator('#person-birthDate').inputValue()).toBe('1985-07-30');
  await page.locator('#person-lastName').fill('Dupont');
  await page.locator('#person-firstNames').fill('Jean Marie');

  // the municipality autocompletes by postal code
  await page.locator('#domicile-municipality').pressSequentially('7780');
  await page.locator('#domicile-municipality[aria-busy="false"]').waitFor();
  await waitForText(page.locator('#domicile-municipality-list li').first(), /Comines-Warneton/);
  await b.screenshot('clerk-2-municipality');
  // the list answers keys that arrive before it re-renders, also after a blur closed it (CI's loaded
  // machine: the list closed, ArrowDown reopened it empty while a new search ran, Enter chose nothing,
  // and the upload kept '7780'): a blur, then both keys in one task
  await page.locator('#domicile-municipality').evaluate(async (el) => {
    // in the page (the tests' TypeScript has no DOM types)
    const input = el as unknown as { blur(): void; focus(): void; dispatchEvent(e: unknown): boolean };
    const { KeyboardEvent } = globalThis as unknown as {
      KeyboardEvent: new (type: string, init: object) => unknown;
    };
    input.blur();
    await new Promise((r) => setTimeout(r, 300));
    input.focus();
    for (const key of ['ArrowDown', 'Enter'])
      input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
  await eventually(
    'the municipality chosen',
    async () =>
      /^Comines-Warneton \(7780/.test(await page.locator('#domicile-municipality').inputValue()) || undefined,
    10_000,
  );
  expect(await page.locator('#domicile-postalCode').inputValue()).toBe('7780');
  await page.locator('#domicile-street').fill('Rue de la Gare');
  await page.locator('#domicile-number').fill('12');

  // a particular condition, structured
  await page.getByRole('button', { name: 'Ajouter une condition particulière' }).click();
  await page.locator('#particular-0-type').selectOption('prohibition');
  await page.locator('#particular-0-category').selectOption('contact_ban');
  await page.locator('#particular-0-text').fill(PARTICULAR_TEXT);
  await page.locator('#document').setInputFiles({
    name: 'decision.pdf',
    mimeType: 'application/pdf',
    buffer: makePdf(`Decision TAP Mons ${RUN}`),
  });

  // the API's error comes back in French, next to the field it concerns
  await page.locator('#person-birthDate').fill('1985-07-31');
  await page.getByRole('button', { name: 'Déposer la décision' }).click();
  await waitForText(
    page.locator('#person-birthDate-error'),
    /ne correspond pas au numéro de registre national/,
  );
  expect(await page.locator('#person-birthDate').getAttribute('aria-invalid')).toBe('true');
  await b.screenshot('clerk-3-field-error');

  await page.locator('#person-birthDate').fill('1985-07-30');
  await page.getByRole('button', { name: 'Déposer la décision' }).click();
  await page.waitForURL(/#\/decisions\/[^/?]+\?uploaded=1$/);
  const id = decodeURIComponent(/#\/decisions\/([^/?]+)/.exec(page.url())![1]);

  // checked through the API
  const stored = await as<Decision>('clerk.mons', 'GET', `/api/decisions/${id}`);
  expect(stored.reference).toBe(`TAP-MONS-${RUN}-001`);
  expect(stored.input.person.nrn).toBe('85073003328');
  expect(stored.input.person.domicile.municipalityNis).toBe('57097');
  expect(stored.input.conditions.particular).toEqual([
    { type: 'prohibition', category: 'contact_ban', text: PARTICULAR_TEXT },
  ]);

  // the timeline fills in as the process routes the decision and issues the mandates
  await waitForCount(page.locator('[data-testid=timeline] li.timeline-mandate_issued'), 2, 90_000);
  await waitForText(page.locator('[data-testid=mandates]'), /Comines-Warneton/);
  await b.screenshot('clerk-4-timeline');
  state.decision = await decisionWithMandates(id, ['police_check', 'guidance']);
  expect(state.decision.mandates.find((m) => m.kind === 'police_check')!.recipientId).toBe('PZ-5318');
  expect(state.decision.mandates.find((m) => m.kind === 'guidance')!.recipientId).toBe('MJ-TOURNAI');
  await logout(page);
});

test('police agent: inbox sorted by deadline, mandate with conditions and PDF, acknowledge, report a breach', async () => {
  const { page } = b;
  const mandate = state.decision!.mandates.find((m) => m.kind === 'police_check')!;
  await login(page, platform.user('police_agent'), 'fr');
  await page.waitForURL(/#\/inbox$/);
  const row = page.locator(`[data-testid=inbox] tr[data-mandate="${mandate.id}"]`);
  await row.waitFor();
  const deadlines = await page
    .locator('[data-testid=inbox] tbody tr td:first-child time')
    .evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
  const issued = await page
    .locator('[data-testid=inbox] tbody tr')
    .evaluateAll((rs) => rs.map((r) => /émis/.test(r.textContent ?? '')));
  const issuedDeadlines = deadlines.filter((_, i) => issued[i]);
  expect(issuedDeadlines).toEqual([...issuedDeadlines].sort());
  await b.screenshot('agent-1-inbox');

  await row.getByRole('link', { name: mandate.id }).click();
  await waitForText(page.locator('.conditions'), new RegExp(PARTICULAR_TEXT));
  await b.screenshot('agent-2-mandate');

  await page.getByRole('button', { name: 'Accuser réception' }).click();
  await waitForText(page.locator('[role=status]'), /Réception confirmée/);
  const acked = await as<Mandate>('agent.comines', 'GET', `/api/mandates/${mandate.id}`);
  expect(acked.status).toBe('acknowledged');
  expect(acked.acknowledgedBy).toBe('agent.comines');

  await page.locator('#outcome-condition_broken').check();
  await waitForText(page.locator('.warning'), /manquement/);
  await page.locator('#report-text').fill('Contact avec la victime constaté le matin.');
  await page.getByRole('button', { name: 'Envoyer le rapport' }).click();
  await waitForText(page.locator('[role=status]'), /Rapport envoyé/);
  await b.screenshot('agent-3-reported');
  const reported = await as<Mandate>('agent.comines', 'GET', `/api/mandates/${mandate.id}`);
  expect(reported.status).toBe('reported');
  expect(reported.report).toMatchObject({ outcome: 'condition_broken', breach: true });

  // the decision PDF is drawn in the page
  await waitForCount(page.locator('[data-testid=pdf-pages] canvas'), 1, 30_000);
  await b.screenshot('agent-4-pdf');
  await logout(page);
});

test('justice assistant: acknowledges the guidance mandate and reports that guidance started (in Dutch)', async () => {
  const { page } = b;
  const mandate = state.decision!.mandates.find((m) => m.kind === 'guidance')!;
  await login(page, platform.user('justice_assistant'), 'nl');
  await page.waitForURL(/#\/inbox$/);
  await page.locator(`[data-testid=inbox] tr[data-mandate="${mandate.id}"] a`).click();
  await waitForText(page.locator('.conditions'), /Bijzondere voorwaarden/);
  await page.getByRole('button', { name: 'Ontvangst bevestigen' }).click();
  await waitForText(page.locator('[role=status]'), /Ontvangst bevestigd/);
  await page.locator('#outcome-guidance_started').check();
  await page.getByRole('button', { name: 'Verslag versturen' }).click();
  await waitForText(page.locator('[role=status]'), /Verslag verstuurd/);
  await b.screenshot('assistant-1-reported');
  const m = await as<Mandate>('assistant.tournai', 'GET', `/api/mandates/${mandate.id}`);
  expect(m).toMatchObject({ status: 'reported', acknowledgedBy: 'assistant.tournai' });
  expect(m.report).toMatchObject({ outcome: 'guidance_started', breach: false });
  await logout(page);
});

test('monitoring operator: acknowledges the monitoring mandate (in German)', async () => {
  const { page } = b;
  const em = await decisionWithMandates(state.emDecision!.id, ['monitoring', 'police_check']);
  state.emDecision = em;
  const mandate = em.mandates.find((m) => m.kind === 'monitoring')!;
  expect(mandate.recipientId).toBe('EM-DSE-FWB');
  await login(page, platform.user('monitoring_operator'), 'de');
  await page.waitForURL(/#\/inbox$/);
  await page.locator(`[data-testid=inbox] tr[data-mandate="${mandate.id}"] a`).click();
  await waitForText(page.locator('#main'), /elektronische Überwachung/);
  await page.getByRole('button', { name: 'Empfang bestätigen' }).click();
  await waitForText(page.locator('[role=status]'), /Empfang bestätigt/);
  await b.screenshot('operator-1-acknowledged');
  const m = await as<Mandate>('operator.cse', 'GET', `/api/mandates/${mandate.id}`);
  expect(m).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'operator.cse' });
  await logout(page);
});

test('parquet clerk: receives the breach report and sees acknowledgements with their exchange delay', async () => {
  const { page } = b;
  const decision = state.decision!;
  await login(page, platform.user('parquet_clerk'), 'fr');
  await go(page, '#/breaches');
  const card = page.locator('[data-testid=notifications] li', { hasText: decision.id });
  await card.first().waitFor({ timeout: 60_000 });
  await b.screenshot('clerk-5-breach');
  await card.first().getByRole('button', { name: 'Marquer comme traité' }).click();
  await eventually('breach handled', async () => {
    const list = await as<{ items: Notification[] }>('clerk.mons', 'GET', '/api/notifications?kind=breach');
    const n = list.items.find((x) => x.decisionId === decision.id);
    return n?.handledAt ? n : undefined;
  });

  await go(page, `#/decisions/${encodeURIComponent(decision.id)}`);
  await waitForCount(
    page.locator('[data-testid=timeline] li.timeline-mandate_acknowledged .delay'),
    2,
    30_000,
  );
  await waitForText(page.locator('[data-testid=timeline]'), /Manquement signalé au parquet/);
  await b.screenshot('clerk-6-timeline-acknowledged');
  const d = await as<Decision>('clerk.mons', 'GET', `/api/decisions/${decision.id}`);
  expect(
    d.timeline.filter((e) => e.event === 'mandate_acknowledged').every((e) => typeof e.delayMs === 'number'),
  ).toBe(true);
  await logout(page);
});

test('coordinator: what-if preview, saved test cases, routing table edit in dmn-js, version diff, rollout, escalation', async () => {
  const { page } = b;
  const coordinator = platform.user('coordinator');
  await login(page, coordinator, 'fr');

  // what-if: a municipality and a measure give the recipients
  await go(page, '#/routing/preview');
  await chooseMunicipality(page, 'preview-municipality', 'Comines', /Comines-Warneton/);
  await page.getByRole('button', { name: 'Afficher les destinataires' }).click();
  await page.locator('[data-testid=routing-result] li[data-agency="PZ-5318"]').waitFor();
  await page.locator('[data-testid=routing-result] li[data-agency="MJ-TOURNAI"]').waitFor();
  await b.screenshot('coordinator-1-preview');

  // saved test cases: run them, add one from the current routing, save
  await go(page, '#/routing/tests');
  await page.locator('[data-testid=routing-tests] tbody tr').first().waitFor();
  const before = await as<Array<{ name: string }>>(
    'coord.hainaut',
    'GET',
    '/api/routing/tables/BE-WHT/tests',
  );
  await page.getByRole('button', { name: 'Exécuter sur la table actuelle' }).click();
  await waitForText(
    page.locator('.toolbar [role=status]'),
    new RegExp(`${before.length} sur ${before.length} réussis`),
  );
  await page.locator('#test-name').fill(`E2E Mons ${RUN}`);
  await chooseMunicipality(page, 'test-municipality', '7000', /Mons/);
  await page.getByRole('button', { name: 'Afficher le routage actuel' }).click();
  await page.getByRole('button', { name: 'Ajouter comme attendu' }).click();
  await page.getByRole('button', { name: 'Enregistrer les cas de test' }).click();
  await waitForText(page.locator('.toolbar [role=status]'), /cas de test enregistrés/);
  await b.screenshot('coordinator-2-tests');
  const after = await as<Array<{ name: string; nis: string }>>(
    'coord.hainaut',
    'GET',
    '/api/routing/tables/BE-WHT/tests',
  );
  expect(after.map((t) => t.name)).toContain(`E2E Mons ${RUN}`);
  expect(after.length).toBe(before.length + 1);

  // the routing table in dmn-js: annotate a rule and deploy a new version
  const versionsBefore = await as<Array<{ version: number }>>(
    'coord.hainaut',
    'GET',
    '/api/routing/tables/BE-WHT/versions',
  );
  await go(page, '#/routing');
  const annotation = page.locator('[data-testid=dmn-editor] tbody tr').first().locator('td.annotation');
  await annotation.waitFor({ timeout: 30_000 });
  expect(
    await page
      .locator('[data-testid=dmn-editor] .powered-by-logo, [data-testid=dmn-editor] a[href*="bpmn.io"]')
      .count(),
  ).toBeGreaterThan(0);
  await annotation.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(`vérifié ${RUN}`);
  // dmn-js commits a typed cell after a short pause; the page then says there are unsaved changes
  await waitForText(page.locator('form.inline-form'), /Modifications non enregistrées/);
  await page.locator('#routing-comment').click();
  await page.locator('#routing-comment').fill(`e2e ${RUN}`);
  await page.getByRole('button', { name: 'Déployer une nouvelle version' }).click();
  await waitForText(page.locator('[role=status]'), /Version \d+ déployée/, 60_000);
  await b.screenshot('coordinator-3-routing-table');
  const versionsAfter = await as<Array<{ version: number; comment?: string }>>(
    'coord.hainaut',
    'GET',
    '/api/routing/tables/BE-WHT/versions',
  );
  expect(versionsAfter.length).toBe(versionsBefore.length + 1);
  expect(versionsAfter.some((v) => v.comment === `e2e ${RUN}`)).toBe(true);

  // version history with a readable, rule-level diff
  await go(page, '#/routing/versions');
  await waitForText(page.locator('[data-testid=version-diff]'), new RegExp(`vérifié ${RUN}`), 30_000);
  await waitForText(page.locator('[data-testid=version-diff]'), /règle modifiée/);
  await b.screenshot('coordinator-4-diff');

  // rollout cockpit: the page agrees with the routing preview for every municipality of Hainaut;
  // the arrondissement goes back to the old channel (reason required), then live again
  await go(page, '#/routing/rollout');
  const hainaut = page.locator('#rollout-BE-WHT-Hainaut');
  await hainaut.waitFor();
  const agreesWithPreview = async (expected: boolean) => {
    await eventually(`picture says ${expected ? 'live' : 'old channel'}`, async () => {
      const tiles = page.locator('[data-testid^=muni-]');
      const n = await tiles.count();
      if (n !== 69) return undefined;
      const states = await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-live')));
      return states.every((x) => x === String(expected)) ? true : undefined;
    });
    const nis = await page
      .locator('[data-testid^=muni-]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('muni-'.length)));
    for (const code of nis) {
      const r = await as<{ live: boolean }>(
        'coord.hainaut',
        'GET',
        `/api/routing/preview?nis=${code}&measure=conditional_release`,
      );
      expect({ code, live: r.live }).toEqual({ code, live: expected });
    }
    await waitForText(page.locator('[data-testid=state-BE-WHT]'), expected ? /actif/ : /ancien canal/);
  };
  await agreesWithPreview(true);
  await page.locator('[data-testid=muni-57097]').click();
  await waitForText(page.locator('[data-testid=rollout-municipality]'), /PZ-5318|Comines/);
  // a switch says what it will do and moves only once confirmed
  await hainaut.click();
  await page.locator('[data-testid=rollout-confirm]').waitFor();
  expect(await hainaut.isChecked()).toBe(true);
  await page.locator('#rollout-reason').fill('journey: rollback drill');
  await page.locator('#rollout-confirm').click();
  await eventually('Hainaut arrondissement off', async () => {
    const r = await as<{
      provinces: Array<{ province: string; arrondissements: Array<{ name: string; live: boolean }> }>;
    }>('coord.hainaut', 'GET', '/api/routing/rollout');
    const a = r.provinces
      .find((p) => p.province === 'BE-WHT')!
      .arrondissements.find((x) => x.name === 'Hainaut');
    return a && !a.live ? a : undefined;
  });
  await agreesWithPreview(false);
  await waitForText(page.locator('[data-testid=rollout-history]'), /journey: rollback drill/);
  await b.screenshot('coordinator-5-rollout-off');
  await page.locator('#rollout-BE-WHT-Hainaut').click();
  await waitForText(page.locator('[data-testid=rollout-open-cases]'), /: 0/);
  await page.locator('#rollout-confirm').click();
  await eventually('Hainaut arrondissement live again', async () => {
    const r = await as<{
      provinces: Array<{ province: string; arrondissements: Array<{ name: string; live: boolean }> }>;
    }>('coord.hainaut', 'GET', '/api/routing/rollout');
    const a = r.provinces
      .find((p) => p.province === 'BE-WHT')!
      .arrondissements.find((x) => x.name === 'Hainaut');
    return a?.live ? a : undefined;
  });
  await agreesWithPreview(true);
  await waitForText(page.locator('[data-testid=rollout-readiness]'), /PZ-5318/);
  expect(await page.locator('#rollout-BE-VAN').isDisabled()).toBe(true);

  // the EM decision's police mandate was never acknowledged: it escalates to the coordinator
  const policeMandate = state.emDecision!.mandates.find((m) => m.kind === 'police_check')!;
  await eventually(
    'escalation of the unacknowledged police mandate',
    async () => {
      const list = await as<{ items: Notification[] }>(
        'coord.hainaut',
        'GET',
        '/api/notifications?kind=escalation',
      );
      return list.items.find((n) => n.mandateId === policeMandate.id);
    },
    (ACK_DEADLINE_S + 60) * 1000,
    2000,
  );
  await go(page, '#/escalations');
  const card = page.locator('[data-testid=notifications] li', { hasText: policeMandate.id });
  await card.first().waitFor();
  await b.screenshot('coordinator-6-escalation');
  await card.first().locator('input[id^=note-]').fill('zone contactée par téléphone');
  await card.first().getByRole('button', { name: 'Marquer comme traité' }).click();
  await eventually('escalation handled', async () => {
    const list = await as<{ items: Notification[] }>(
      'coord.hainaut',
      'GET',
      '/api/notifications?kind=escalation',
    );
    const n = list.items.find((x) => x.mandateId === policeMandate.id);
    return n?.handledAt ? n : undefined;
  });
  await logout(page);

  // the agent's inbox marks that mandate overdue
  await login(page, platform.user('police_agent'), 'fr');
  const overdueRow = page.locator(`[data-testid=inbox] tr.overdue[data-mandate="${policeMandate.id}"]`);
  await overdueRow.waitFor();
  await waitForText(overdueRow, /en retard/);
  await b.screenshot('agent-4-overdue');
  await logout(page);
});

/** Names the element selected in the modeler through the properties panel. */
async function nameSelected(page: Browser['page'], name: string): Promise<void> {
  const field = page.locator('.modeler-panel [name=name]');
  await field.waitFor({ state: 'attached' });
  if (!(await field.isVisible())) {
    await page
      .locator('.modeler-panel .bio-properties-panel-group-header', { hasText: 'General' })
      .first()
      .click();
  }
  await field.fill(name);
  await field.press('Tab');
}

test('analyst: bpmn-js modeler with the Zeebe panel and the iplus templates, inline lint, deploy, versions', async () => {
  const { page } = b;
  const processId = `e2e-analyst-${RUN.toLowerCase()}`;
  await login(page, platform.user('analyst'), 'en');
  await page.waitForURL(/#\/models$/);

  // a new process: start → Issue mandate (from its element template) → end
  expect(b.scripts.filter((s) => /process-modeler/.test(s))).toEqual([]);
  await go(page, '#/modeler');
  await page.locator('.djs-element[data-element-id=StartEvent_1]').waitFor({ timeout: 60_000 });
  // the modeler came as its own chunk, when its page opened
  expect(b.scripts.filter((s) => /\/process-modeler-[\w-]+\.js$/.test(s)).length).toBeGreaterThan(0);
  await page.locator('.modeler-panel .bio-properties-panel').waitFor();
  expect(await page.locator('[data-testid=bpmn-canvas] .bjs-powered-by').count()).toBe(1);
  await waitForText(
    page.locator('.toolbar'),
    new RegExp(
      `${fs.readdirSync(path.join(REPO, 'bpmn/element-templates')).filter((f) => f.endsWith('.json')).length} iplus element templates`,
    ),
  );
  await page.locator('.djs-element[data-element-id=StartEvent_1]').click();
  await page.locator('.djs-context-pad .entry[data-action="append"]').click();
  await page.locator('.djs-popup-search input').fill('Issue mandate');
  await page.locator('.djs-popup .entry[data-id="append.template-iplus.issue-mandate"]').click();
  await waitForText(page.locator('.modeler-panel'), /Issue mandate/i);
  await nameSelected(page, 'Issue mandate');
  await page.locator('.djs-context-pad .entry[data-action="append.end-event"]').click();
  // the project's rule iplus/named-elements wants tasks and events named: the appended end event's
  // label is being edited on the canvas, the others are named in the properties panel
  await page.keyboard.type('Mandate issued');
  await page.locator('.djs-element[data-element-id=StartEvent_1]').click();
  await nameSelected(page, 'Decision received');
  // rename the process in the properties panel
  await page
    // the canvas's own svg (lint overlays draw small svg icons of their own)
    .locator('[data-testid=bpmn-canvas] svg[data-element-id]')
    .first()
    .click({ position: { x: 700, y: 300 } });
  const idInput = page.locator('.modeler-panel input[name=id]');
  await idInput.waitFor({ state: 'attached' });
  if (!(await idInput.isVisible())) {
    await page
      .locator('.modeler-panel .bio-properties-panel-group-header', { hasText: 'General' })
      .first()
      .click();
  }
  await idInput.waitFor();
  await idInput.fill(processId);
  await idInput.press('Tab');
  // inline lint: clean
  await waitForText(page.getByTestId('lint-summary'), /^0 errors/).catch(async (e: Error) => {
    throw new Error(`${e.message}; reports: ${await page.getByTestId('lint-reports').innerText()}`);
  });
  await b.screenshot('analyst-1-new-process');

  // deploy to the engine
  await page.getByRole('button', { name: 'Deploy to the engine' }).click();
  await waitForText(page.locator('[role=status]'), new RegExp(`Deployed: ${processId}, version 1`), 60_000);
  const models = await as<Array<{ bpmnProcessId: string; version: number }>>('analyst', 'GET', '/api/models');
  expect(models).toContainEqual(expect.objectContaining({ bpmnProcessId: processId, version: 1 }));

  // the list of versions shows it, next to the platform's own processes; it opens again in the modeler
  await go(page, '#/models');
  await waitForText(page.locator('[data-testid=models]'), new RegExp(processId));
  await waitForText(page.locator('[data-testid=models]'), /mandate-follow-up/);
  await b.screenshot('analyst-2-versions');
  await page.locator('[data-testid=models] tr', { hasText: processId }).first().getByRole('link').click();
  await page.locator('.djs-element[data-element-id=StartEvent_1]').waitFor({ timeout: 60_000 });
  await waitForText(page.locator('#main h1'), new RegExp(`${processId} v1`));

  // a lint error shows inline and blocks the deployment: a service task without a task type
  await page.locator('.djs-element[data-element-id=StartEvent_1]').click();
  await page.locator('.djs-context-pad .entry[data-action="append.append-task"]').click();
  await page.locator('.djs-context-pad .entry[data-action="replace"]').click();
  await page.locator('.djs-popup .entry[data-id="replace-with-service-task"]').click();
  await waitForText(page.getByTestId('lint-summary'), /^[1-9]\d* errors/);
  await waitForCount(
    page.locator('[data-testid=bpmn-canvas] .bjsl-overlay, [data-testid=bpmn-canvas] .djs-overlay'),
    1,
  );
  expect(await page.getByRole('button', { name: 'Deploy to the engine' }).isDisabled()).toBe(true);
  await b.screenshot('analyst-3-lint-error');
  await logout(page);
});

test('operations: instances with their path and waits, incidents with retry and resolve', async () => {
  const { page } = b;
  // a fresh decision: its mandates wait for their acknowledgement, and for their deadline timer
  const posted = await as<Decision>(
    'clerk.mons',
    'POST',
    '/api/decisions',
    decisionBody({
      reference: `TAP-MONS-${RUN}-OPS`,
      measure: 'conditional_release',
      nrn: nrnOf('750505', '271'),
      lastName: 'Martin',
      firstNames: 'Luc',
    }),
  );
  const fresh = await decisionWithMandates(posted.id, ['police_check', 'guidance']);
  const waitingMandate = fresh.mandates.find((m) => m.kind === 'guidance')!;
  expect(fresh.processInstanceKey).toBeTruthy();

  const analyst = platform.user('analyst');
  await login(page, analyst, 'en');
  // instance list and the decision's instance with its path and what it waits for
  await go(page, '#/operations');
  await page.locator('[data-testid=instances] tbody tr').first().waitFor({ timeout: 30_000 });
  // each mandate is followed up by its own instance of mandate-follow-up (a call activity of the
  // decision's instance): the guidance mandate's is the one that waits for its acknowledgement
  const followUp = await eventually('the guidance mandate’s follow-up instance', async () => {
    const r = await apiAs<{ items: Array<{ processInstanceKey: string }> }>(
      platform.url,
      analyst,
      'POST',
      '/api/operations/v2/message-subscriptions/search',
      { filter: { messageName: 'MandateAcknowledged', correlationKey: waitingMandate.id } },
    );
    return r.items[0]?.processInstanceKey;
  });
  const timers = await eventually('the acknowledgement deadline timer', async () => {
    const r = await apiAs<{ items: Array<{ dueDate: string; elementId: string }> }>(
      platform.url,
      analyst,
      'POST',
      '/api/operations/v2/x-iplus/timers/search',
      { filter: { processInstanceKey: followUp } },
    );
    return r.items.some((t) => t.elementId === 'AcknowledgementDeadline') ? r : undefined;
  });
  await go(page, `#/operations/${followUp}`);
  await page.locator('[data-testid=instance-diagram] .djs-container').waitFor({ timeout: 30_000 });
  expect(await page.locator('[data-testid=instance-diagram] .bjs-powered-by').count()).toBe(1);
  await waitForCount(page.locator('[data-testid=instance-diagram] .op-completed'), 1);
  await waitForCount(page.locator('[data-testid=instance-diagram] .op-taken'), 1);
  await waitForCount(page.locator('[data-testid=instance-diagram] .op-active'), 1);
  // what it waits for: the acknowledgement message by its correlation key, and the deadline timer
  await waitForText(
    page.getByTestId('waits'),
    new RegExp(`MandateAcknowledged with correlation key ${waitingMandate.id}`),
    30_000,
  );
  const deadline = timers.items.find((t) => t.elementId === 'AcknowledgementDeadline')!;
  const due = Date.parse(deadline.dueDate) - Date.parse(waitingMandate.issuedAt);
  expect(Math.abs(due - ACK_DEADLINE_S * 1000)).toBeLessThan(15_000);
  const waits = await page.getByTestId('waits').locator('li', { hasText: 'timer due' }).allInnerTexts();
  expect(waits.length).toBe(timers.items.length);
  expect(waits.every((w) => !/\(=ackDeadline\)/.test(w))).toBe(true);
  await b.screenshot('operations-1-instance');

  // an incident: a process whose job the worker fails with no retries left
  const zbc = new ZBClient(platform.gatewayAddress, {
    loglevel: 'NONE',
    retry: false,
    basicAuth: platform.engineBasicAuth,
  });
  const incidentProcess = `e2e-incident-${RUN.toLowerCase()}`;
  let failNext = true;
  const worker = zbc.createWorker({
    taskType: `e2e-work-${RUN}`,
    taskHandler: (job) =>
      failNext ? job.fail({ errorMessage: 'the e2e worker fails on purpose', retries: 0 }) : job.complete(),
    loglevel: 'NONE',
  });
  try {
    await zbc.deployResource({
      process: Buffer.from(oneTaskProcess(incidentProcess, `e2e-work-${RUN}`)),
      name: `${incidentProcess}.bpmn`,
    });
    const created = await zbc.createProcessInstance({ bpmnProcessId: incidentProcess, variables: {} });
    const searchIncidents = () =>
      apiAs<{ items: Array<{ incidentKey: string; state: string; jobKey?: string }> }>(
        platform.url,
        analyst,
        'POST',
        '/api/operations/v2/incidents/search',
        { filter: { processInstanceKey: created.processInstanceKey } },
      );
    await eventually(
      'incident created',
      async () => ((await searchIncidents()).items.length ? true : undefined),
      60_000,
    );

    // retry: the worker now succeeds, the incident is resolved and the instance completes
    failNext = false;
    await go(page, '#/incidents');
    const row = page.locator('[data-testid=incidents] tr', { hasText: String(created.processInstanceKey) });
    await row.first().waitFor({ timeout: 30_000 });
    await b.screenshot('operations-2-incidents');
    await row.first().getByRole('button', { name: 'Retry' }).click();
    await waitForText(page.locator('[role=status]'), /the job runs again/);
    await eventually('incident resolved', async () =>
      (await searchIncidents()).items.every((i) => i.state === 'RESOLVED') ? true : undefined,
    );
    await eventually(
      'instance completed after retry',
      async () => {
        const r = await apiAs<{ items: Array<{ state: string }> }>(
          platform.url,
          analyst,
          'POST',
          '/api/operations/v2/process-instances/search',
          { filter: { processInstanceKey: created.processInstanceKey } },
        );
        return r.items[0]?.state === 'COMPLETED' ? true : undefined;
      },
      30_000,
    );

    // resolve: the cause is fixed elsewhere (retries given back), then the incident is marked resolved
    failNext = true;
    const second = await zbc.createProcessInstance({ bpmnProcessId: incidentProcess, variables: {} });
    const secondIncident = await eventually(
      'second incident',
      async () => {
        const r = await apiAs<{ items: Array<{ incidentKey: string; jobKey?: string }> }>(
          platform.url,
          analyst,
          'POST',
          '/api/operations/v2/incidents/search',
          { filter: { processInstanceKey: second.processInstanceKey } },
        );
        return r.items[0];
      },
      60_000,
    );
    failNext = false;
    await zbc.updateJobRetries({ jobKey: secondIncident.jobKey!, retries: 1 });
    // still on the incidents page: its Refresh button brings the new incident
    await page.getByRole('button', { name: 'Refresh' }).click();
    const row2 = page.locator('[data-testid=incidents] tr', { hasText: String(second.processInstanceKey) });
    await row2.first().getByRole('button', { name: 'Mark resolved' }).click();
    await waitForText(page.locator('[role=status]'), /marked resolved/);
    await eventually('second incident resolved', async () => {
      const r = await apiAs<{ items: Array<{ state: string }> }>(
        platform.url,
        analyst,
        'POST',
        '/api/operations/v2/incidents/search',
        { filter: { processInstanceKey: second.processInstanceKey } },
      );
      return r.items.every((i) => i.state === 'RESOLVED') ? true : undefined;
    });
  } finally {
    await worker.close();
    await zbc.close();
  }

  await logout(page);
});

test('operations: the timeliness dashboard, drawn as charts', async () => {
  const { page } = b;
  await login(page, platform.user('analyst'), 'en');
  // the timeliness dashboard, drawn as charts
  await go(page, '#/dashboard');
  await waitForCount(page.locator('[data-testid=charts] svg rect'), 2, 30_000);
  const stats = await as<{ overdue: number; byProvince: Array<{ province: string; p90Ms: number }> }>(
    'analyst',
    'GET',
    '/api/stats/timeliness',
  );
  expect(stats.byProvince.map((p) => p.province)).toContain('BE-WHT');
  expect(await page.locator('[data-testid=kpi-overdue] .kpi-value').innerText()).toBe(String(stats.overdue));
  // the delay axis speaks the data's unit (this run's acknowledgements take seconds or minutes, not
  // hours): distinct labels, none but the first a zero, each in the unit Chromium writes for it
  // (its singular, which en-BE's plural contains: min/mins, sec/secs)
  const unit = durationUnit(Math.max(...stats.byProvince.map((p) => p.p90Ms)));
  const unitText = await page.evaluate(
    (u) =>
      new Intl.NumberFormat('en-BE', { style: 'unit', unit: u, unitDisplay: 'short' })
        .formatToParts(1)
        .find((part) => part.type === 'unit')!.value,
    unit,
  );
  const labels = await page
    .locator('[data-testid=charts] figure')
    .first()
    .locator('.tick text')
    .allTextContents(); // SVG text has no innerText
  expect(labels.length).toBeGreaterThanOrEqual(3);
  expect(new Set(labels).size).toBe(labels.length);
  expect(labels.slice(1).filter((l) => /^0\s/.test(l))).toEqual([]);
  for (const label of labels.slice(1)) expect(label).toContain(unitText);
  await b.screenshot('operations-3-dashboard');
  await logout(page);
});

test('admin: searches the audit log by user, object and date, and checks the hash chain', async () => {
  const { page } = b;
  const mandate = state.decision!.mandates.find((m) => m.kind === 'police_check')!;
  await login(page, platform.user('admin'), 'en');
  await go(page, '#/audit');
  await page.locator('#audit-user').fill('agent.comines');
  await page.locator('#audit-object').fill(mandate.id);
  await page.locator('#audit-from').fill(daysAgo(1));
  await page.locator('#audit-to').fill(daysAgo(-1));
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('[data-testid=audit] tbody tr').first().waitFor();
  const shown = await page.locator('[data-testid=audit] tbody tr').count();
  const api = await as<{ items: Array<{ user: string; object: string }> }>(
    'admin',
    'GET',
    `/api/audit?user=agent.comines&object=${encodeURIComponent(mandate.id)}&from=${daysAgo(1)}T00:00:00.000Z&to=${daysAgo(-1)}T23:59:59.999Z&limit=100`,
  );
  expect(shown).toBe(api.items.length);
  expect(api.items.every((e) => e.user === 'agent.comines')).toBe(true);
  await page.getByRole('button', { name: 'Check the hash chain' }).click();
  await waitForText(page.locator('[role=status]'), /The log is intact/);
  await b.screenshot('admin-1-audit');
  await logout(page);
});

/** A process with one service task, for the incident journey. */
function oneTaskProcess(id: string, taskType: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="work" name="Work">
      <bpmn:extensionElements><zeebe:taskDefinition type="${taskType}" retries="1" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}
