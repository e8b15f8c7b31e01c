/**
 * Issue 18 in real Chromium against `iplus start`: an analyst edits a process and saves a draft, a
 * second person (the admin) reviews the diff and approves, the new version serves new cases and a
 * restart keeps it; a file of bpmn/ changed after that is reported as a conflict, not applied; the
 * project's lint rules show inline and block submitting. The models come from a copy of bpmn/
 * (IPLUS_MODELS_DIR), which the test changes between restarts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ZBClient } from 'zeebe-node';
import { apiAs } from './support/api';
import { login, logout, openBrowser, type Browser } from './support/browser';
import { go, waitForCount, waitForText } from './support/page-helpers';
import { REPO, startPlatform, type RunningPlatform } from './support/platform';

jest.setTimeout(600_000);

interface Version {
  bpmnProcessId: string;
  version: number;
  source: string;
  deployedBy: string;
  approvedBy: string | null;
  comment: string;
}

const CR = 'conditional-release';
let modelsDir: string;
let platform: RunningPlatform;
let b: Browser;

const as = <T>(who: string, method: string, p: string, body?: unknown) =>
  apiAs<T>(platform.url, platform.user(who), method, p, body);
const latest = async () =>
  (await as<Version[]>('analyst', 'GET', '/api/models')).find((v) => v.bpmnProcessId === CR)!;

/** The version of conditional-release a new case runs: a case started on the engine itself. */
async function newCaseVersion(): Promise<number> {
  const zeebe = new ZBClient(platform.gatewayAddress, {
    basicAuth: platform.engineBasicAuth,
    loglevel: 'NONE',
    retry: false,
  } as never);
  try {
    const i = await zeebe.createProcessInstance({ bpmnProcessId: CR, variables: {} });
    await zeebe.cancelProcessInstance(i.processInstanceKey).catch(() => undefined);
    return i.version;
  } finally {
    await zeebe.close();
  }
}

async function start(dataDir?: string): Promise<void> {
  platform = await startPlatform({ IPLUS_MODELS_DIR: modelsDir }, 120_000, dataDir);
  b = await openBrowser(platform.url, 'en-BE');
}

async function restart(): Promise<void> {
  const dataDir = platform.dataDir;
  await b.close();
  await platform.stop({ keepData: true });
  await start(dataDir);
}

beforeAll(async () => {
  modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-e2e-models-'));
  fs.cpSync(path.join(REPO, 'bpmn'), modelsDir, { recursive: true });
  await start();
});

afterAll(async () => {
  await b?.close();
  await platform?.stop();
  fs.rmSync(modelsDir, { recursive: true, force: true });
});

afterEach(() => {
  expect(b.errors.splice(0)).toEqual([]);
});

test('the project’s lint rules show inline beside Camunda’s and block submitting', async () => {
  const { page } = b;
  await login(page, platform.user('analyst'), 'en');
  await go(page, '#/modeler');
  await page.locator('.djs-element[data-element-id=StartEvent_1]').waitFor({ timeout: 60_000 });
  // the new diagram's start event has no name: iplus/named-elements, an error on the canvas
  await waitForText(page.getByTestId('lint-reports'), /StartEvent_1.*\(iplus\/named-elements\)/);
  await waitForText(page.getByTestId('lint-summary'), /^[1-9]\d* errors/);
  await waitForCount(
    page.locator('[data-testid=bpmn-canvas] .bjsl-overlay, [data-testid=bpmn-canvas] .djs-overlay'),
    1,
  );
  expect(await page.getByRole('button', { name: 'Submit for review' }).isDisabled()).toBe(true);
  // four eyes: no direct deploy
  expect(await page.getByRole('button', { name: 'Deploy to the engine' }).count()).toBe(0);
  await b.screenshot('models-1-project-lint');
  await logout(page);
});

test('an analyst edits and saves a draft, the admin reviews the diff and approves, a restart keeps it', async () => {
  const { page } = b;
  expect(await latest()).toMatchObject({ version: 1, source: 'file' });
  await login(page, platform.user('analyst'), 'en');
  await go(page, `#/modeler?process=${CR}&version=1`);
  await page.locator('.djs-element[data-element-id=IssueMandate]').waitFor({ timeout: 60_000 });
  await page.locator('.djs-element[data-element-id=IssueMandate]').click();
  const name = page.locator('.modeler-panel [name=name]');
  await name.waitFor({ state: 'attached' });
  if (!(await name.isVisible())) {
    await page
      .locator('.modeler-panel .bio-properties-panel-group-header', { hasText: 'General' })
      .first()
      .click();
  }
  await name.waitFor();
  await name.fill('Issue the mandate');
  await name.press('Tab');
  await waitForText(page.getByTestId('lint-summary'), /^0 errors/);
  await page.locator('#draft-comment').fill('clearer task name');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await waitForText(page.locator('.draft-bar [role=status]'), /Draft MD-\d+ saved/);
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await waitForText(page.locator('.draft-bar [role=status]'), /submitted/);
  const draftId = /MD-\d+/.exec(await page.getByTestId('draft-status').innerText())![0];
  await b.screenshot('models-2-draft-submitted');
  await logout(page);

  // the admin, a second pair of eyes, sees what changed on both diagrams and in the list
  await login(page, platform.user('admin'), 'en');
  await go(page, '#/models');
  await page
    .locator(`[data-testid=model-drafts] tr[data-draft="${draftId}"]`)
    .getByRole('link', { name: 'Review' })
    .click();
  await waitForText(
    page.getByTestId('diff-changes'),
    /changed[\s\S]*Issue the mandate[\s\S]*name: Issue mandate → Issue the mandate/,
  );
  await page
    .locator('[data-testid=diff-after] .djs-element.diff-changed[data-element-id=IssueMandate]')
    .waitFor();
  await page
    .locator('[data-testid=diff-before] .djs-element.diff-changed[data-element-id=IssueMandate]')
    .waitFor();
  await waitForText(page.locator('section[aria-labelledby=review-lint-title]'), /No problem found/);
  await b.screenshot('models-3-review-diff');
  await page.locator('#review-comment').fill('reads better');
  await page.getByRole('button', { name: 'Approve and deploy' }).click();
  await waitForText(page.locator('[role=status]').last(), /Approved: conditional-release, version 2/, 60_000);
  await logout(page);

  expect(await latest()).toMatchObject({
    version: 2,
    source: 'web',
    deployedBy: 'analyst',
    approvedBy: 'admin',
    comment: 'clearer task name',
  });
  expect(await newCaseVersion()).toBe(2);

  await restart();
  expect(await latest()).toMatchObject({ version: 2, source: 'web' });
  expect(await newCaseVersion()).toBe(2);
});

test('a file changed after that is reported as a conflict, not applied, until an analyst chooses', async () => {
  const file = path.join(modelsDir, `${CR}.bpmn`);
  fs.writeFileSync(
    file,
    fs.readFileSync(file, 'utf8').replace('name="Build recipients"', 'name="Build the recipients"'),
  );
  await restart();
  expect(await latest()).toMatchObject({ version: 2, source: 'web' });
  expect(await newCaseVersion()).toBe(2);
  expect(platform.log()).toMatch(/model file changed, but a person deployed its process since/);

  const { page } = b;
  await login(page, platform.user('analyst'), 'en');
  await go(page, '#/models');
  const conflicts = page.getByTestId('model-conflicts');
  await waitForText(conflicts, /bpmn\/conditional-release\.bpmn changed after analyst deployed version 2/);
  await b.screenshot('models-4-conflict');
  await conflicts.getByRole('button', { name: 'Keep the deployed version' }).click();
  await conflicts.waitFor({ state: 'detached' });
  expect(await as<unknown[]>('analyst', 'GET', '/api/models/conflicts')).toEqual([]);
  expect(await newCaseVersion()).toBe(2);
  await logout(page);
});
