/**
 * Human tasks and migration in real Chromium against the real platform (`iplus start`): an analyst's
 * version of conditional-release makes the coordinator review each case in a form first; the review
 * appears in the coordinator's task list, is claimed and completed, and the case goes on to its
 * signalement. Then cases waiting in the review move to a newer version from the migration page,
 * their event subscriptions (revision, revocation, move) with them, and go on there.
 * Screenshots go to test-artifacts/web/.
 */
import { apiAs, eventually } from './support/api';
import { login, logout, openBrowser, type Browser } from './support/browser';
import { decisionBody } from './support/decision-body';
import { go, waitForText } from './support/page-helpers';
import { startPlatform, type RunningPlatform } from './support/platform';
import { CASE_REVIEW_FORM, reviewFirstModel } from './support/review-first';

jest.setTimeout(600_000);

interface Task {
  userTaskKey: string;
  processInstanceKey: string;
}
interface Decision {
  id: string;
  reference: string;
  processInstanceKey?: string;
  signalement: { id: string } | null;
}

let platform: RunningPlatform;
let b: Browser;
const RUN = Date.now().toString(36).toUpperCase();
const as = <T>(who: string, method: string, path: string, body?: unknown) =>
  apiAs<T>(platform.url, platform.user(who), method, path, body);

async function deployReviewFirst(taskName: string): Promise<{ version: number; key: string }> {
  const [deployed] = await as<Array<{ version: number; key: string }>>('analyst', 'POST', '/api/models', {
    fileName: 'conditional-release.bpmn',
    xml: reviewFirstModel(taskName),
    forms: [{ fileName: 'case-review.form', schema: CASE_REVIEW_FORM }],
  });
  return deployed!;
}

async function uploadWaitingDecision(n: number): Promise<Decision & { task: Task }> {
  const up = await as<Decision>(
    'clerk.mons',
    'POST',
    '/api/decisions',
    decisionBody({
      reference: `TAP-MONS-TASK-${RUN}-${n}`,
      measure: 'conditional_release',
      nrn: '85073003328',
      lastName: 'Dupont',
      firstNames: 'Jean',
    }),
  );
  const d = await eventually('the decision started', async () => {
    const full = await as<Decision>('clerk.mons', 'GET', `/api/decisions/${up.id}`);
    return full.processInstanceKey ? full : undefined;
  });
  const task = await eventually('its review task', async () =>
    (await as<Task[]>('coord.hainaut', 'GET', '/api/tasks')).find(
      (t) => t.processInstanceKey === d.processInstanceKey,
    ),
  );
  return { ...d, task };
}

beforeAll(async () => {
  // the analyst deploys directly, as in a test environment (four-eyes review is walked elsewhere)
  platform = await startPlatform({ IPLUS_MODEL_REVIEW: 'off' });
  b = await openBrowser(platform.url);
});

afterAll(async () => {
  await b?.close();
  await platform?.stop();
});

afterEach(() => {
  expect(b.errors).toEqual([]);
});

test('coordinator: a review task with a form is listed, claimed, completed, and the case continues', async () => {
  const { page } = b;
  await deployReviewFirst('Review the case');
  const decision = await uploadWaitingDecision(1);

  await login(page, platform.user('coord.hainaut'), 'fr');
  await go(page, '#/tasks');
  const row = page.locator(`tr[data-task="${decision.task.userTaskKey}"]`);
  await waitForText(row, /Review the case/);
  await waitForText(row, /en retard/);
  await b.screenshot('tasks-1-list');
  await row.locator('a').click();
  // the form shows the case's reference: the coordinator may see this case
  const form = page.locator('[data-testid=task-form]');
  await form.locator('input[type=checkbox]').waitFor();
  expect(await form.getByLabel('Reference').inputValue()).toBe(decision.reference);
  await page.getByRole('button', { name: 'Prendre en charge' }).click();
  await waitForText(page.locator('[data-testid=task-assignee]'), /moi/);
  await form.getByLabel('Approve').check();
  await form.getByLabel('Comment').fill('Dossier vérifié');
  await b.screenshot('tasks-2-form');
  await page.getByRole('button', { name: 'Terminer' }).click();
  await waitForText(page.locator('[role=status]'), /Tâche terminée/);

  // the case goes on: routed, and its signalement created by the workers
  const continued = await eventually(
    'the signalement after the review',
    async () => {
      const d = await as<Decision>('clerk.mons', 'GET', `/api/decisions/${decision.id}`);
      return d.signalement ? d : undefined;
    },
    60_000,
  );
  expect(continued.signalement!.id).toBeTruthy();
  const left = await as<Task[]>('coord.hainaut', 'GET', '/api/tasks');
  expect(left.map((t) => t.userTaskKey)).not.toContain(decision.task.userTaskKey);
  await logout(page);
});

test('analyst: moves cases waiting in the review to a newer version; they go on there, and a revocation still reaches them', async () => {
  const { page } = b;
  const waiting = [await uploadWaitingDecision(2), await uploadWaitingDecision(3)];
  const source = await as<Array<{ bpmnProcessId: string; version: number; key: string }>>(
    'analyst',
    'GET',
    '/api/models',
  ).then((list) => list.find((m) => m.bpmnProcessId === 'conditional-release' && m.key !== undefined)!);
  const target = await deployReviewFirst('Review the case (v-next)');
  expect(target.version).toBe(source.version + 1);

  await login(page, platform.user('analyst'), 'en');
  // the modeler lists the form the review links and opens it in form-js's editor
  await go(page, '#/modeler?process=conditional-release');
  await waitForText(page.locator('[data-testid=linked-forms]'), /case-review/);
  // a Camunda user task lints clean although the file says it was drawn for Camunda 8.4
  await waitForText(page.locator('[data-testid=lint-summary]'), /\b0 errors?\b/);
  await page.getByRole('button', { name: 'Edit the form' }).click();
  await waitForText(page.locator('[data-testid=form-editor]'), /Approve/);
  await b.screenshot('modeler-form-editor');
  // the edited form goes with the draft (four eyes: approving it deploys the form, then the model)
  await page.getByRole('button', { name: 'Save draft' }).click();
  const draftId = (await waitForText(page.locator('[data-testid=draft-status]'), /MD-\d+/)).match(
    /MD-\d+/,
  )![0];
  const draft = await as<{ forms: Array<{ fileName: string; schema: { id: string } }> }>(
    'analyst',
    'GET',
    `/api/models/drafts/${draftId}`,
  );
  expect(draft.forms.map((f) => [f.fileName, f.schema.id])).toEqual([['case-review.form', 'case-review']]);

  await go(page, '#/migration');
  await page.locator('#mig-process').selectOption('conditional-release');
  await page.locator('#mig-source').selectOption(source.key);
  await page.locator('#mig-target').selectOption(target.key);
  await page.getByRole('button', { name: 'Map the elements' }).click();
  // auto-mapped by id, the review included
  expect(await page.locator('#map-Review').inputValue()).toBe('Review');
  await page.getByLabel('Only these instances').check();
  await page.getByLabel('Instance keys').fill(waiting.map((d) => d.processInstanceKey).join('\n'));
  await page.getByRole('button', { name: 'Preview' }).click();
  await waitForText(page.locator('[data-testid=migration-preview]'), /Would move: 2/);
  await b.screenshot('migration-1-preview');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Migrate', exact: true }).click();
  // conditional-release listens, for the whole case, to revisions, revocations and moves (event
  // subprocesses, issue 15): the mapping proposed by id maps those catch events too, so the engine keeps
  // their subscriptions, and both cases move
  expect(await page.locator('#map-MeasureRevoked').inputValue()).toBe('MeasureRevoked');
  await waitForText(page.locator('[data-testid=migration-result]'), /Migrated: 2; refused by the engine: 0/);
  await b.screenshot('migration-2-done');
  const instance = async (key: string) =>
    (
      await as<{ items: Array<{ processDefinitionVersion: number; state: string }> }>(
        'analyst',
        'POST',
        '/api/operations/v2/process-instances/search',
        { filter: { processInstanceKey: key } },
      )
    ).items[0]!;
  for (const d of waiting)
    expect((await instance(d.processInstanceKey!)).processDefinitionVersion).toBe(target.version);

  // and they go on in the new version: the first one's review is completed and it is routed...
  const [reviewed, revoked] = waiting as [Decision & { task: Task }, Decision & { task: Task }];
  await as('coord.hainaut', 'POST', `/api/tasks/${reviewed.task.userTaskKey}/claim`);
  await as('coord.hainaut', 'POST', `/api/tasks/${reviewed.task.userTaskKey}/completion`, {
    variables: { approved: true, comment: 'after the migration' },
  });
  await eventually(
    'the migrated case routed and signalled',
    async () => {
      const d = await as<Decision>('clerk.mons', 'GET', `/api/decisions/${reviewed.id}`);
      return d.signalement ? d : undefined;
    },
    60_000,
  );
  // ...and a revocation reaches the other one through its migrated subscription: the review ends with the case
  await as('clerk.mons', 'POST', `/api/decisions/${revoked.id}/revocation`, {
    reason: 'after the migration',
  });
  await eventually(
    'the revoked case ended in the engine',
    async () => ((await instance(revoked.processInstanceKey!)).state === 'COMPLETED' ? true : undefined),
    60_000,
  );
  const ended = await as<{ items: Array<{ elementId: string; state: string }> }>(
    'analyst',
    'POST',
    '/api/operations/v2/element-instances/search',
    { filter: { processInstanceKey: revoked.processInstanceKey } },
  );
  expect(ended.items.filter((e) => e.elementId === 'RevokeMeasure').map((e) => e.state)).toEqual([
    'COMPLETED',
  ]);
  expect(ended.items.filter((e) => e.elementId === 'Review').map((e) => e.state)).toEqual(['TERMINATED']);
  await logout(page);
});
