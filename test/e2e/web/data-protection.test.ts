/**
 * Issue 16 in real Chromium against `iplus start`: the auditor's menu holds the audit log and the
 * data-protection page only; it produces the access report for one person on screen and as a PDF;
 * the admin erases a case ahead of time (its process still running in the engine) with a
 * justification, and the report then shows the case as erased.
 */
import * as fs from 'node:fs';
import { apiAs } from './support/api';
import { login, logout, openBrowser, type Browser } from './support/browser';
import { decisionBody, nrnOf } from './support/decision-body';
import { go, waitForText } from './support/page-helpers';
import { startPlatform, type RunningPlatform } from './support/platform';

jest.setTimeout(300_000);

let platform: RunningPlatform;
let b: Browser;
const NRN = nrnOf('780412', '123');

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

test('auditor: access report on screen and as a PDF; admin: early erasure from the page', async () => {
  const { page } = b;
  const up = await apiAs<{ id: string }>(
    platform.url,
    platform.user('clerk.mons'),
    'POST',
    '/api/decisions',
    decisionBody({
      reference: 'TAP-MONS-2026-ERASE-WEB',
      measure: 'conditional_release',
      nrn: NRN,
      lastName: 'Lambert',
      firstNames: 'Claire',
    }),
  );

  await login(page, platform.user('auditor'), 'en');
  const menu = await page.locator('nav').innerText();
  expect(menu).toMatch(/Audit log/);
  expect(menu).toMatch(/Data protection/);
  expect(menu).not.toMatch(/Decisions|Users|Routing/);
  await go(page, '#/data-protection');
  await page.getByLabel('National register number').fill(NRN);
  await page.getByLabel('Why (request of the DPO, the COC or the person)').fill('COC inspection of December');
  await page.getByRole('button', { name: 'Show report' }).click();
  await waitForText(page.locator('[data-testid=held]'), new RegExp(up.id));
  await waitForText(page.locator('[data-testid=consultations]'), /decision\.create/);
  expect(await page.getByRole('button', { name: 'Erase everywhere' }).count()).toBe(0);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download PDF' }).click(),
  ]);
  const pdf = fs.readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await b.screenshot('data-protection-1-auditor-report');
  await logout(page);

  await login(page, platform.user('admin'), 'en');
  await go(page, '#/data-protection');
  page.once('dialog', (d) => void d.accept());
  await page.getByLabel('Decision id').fill(up.id);
  await page
    .getByLabel('Why (court order, case entered by mistake)')
    .fill('case entered by mistake (wrong person)');
  await page.getByRole('button', { name: 'Erase everywhere' }).click();
  await waitForText(
    page.locator('[role=status] .alert-ok'),
    new RegExp(`${up.id} is erased everywhere`),
    60_000,
  );
  await expect(apiAs(platform.url, platform.user('admin'), 'GET', `/api/decisions/${up.id}`)).rejects.toThrow(
    /404/,
  );

  await page.getByLabel('National register number').fill(NRN);
  await page.getByLabel('Why (request of the DPO, the COC or the person)').fill('check after the erasure');
  await page.getByRole('button', { name: 'Show report' }).click();
  await waitForText(page.locator('[data-testid=erased]'), /request: case entered by mistake/);
  expect(await page.locator('[data-testid=access-report]').innerText()).not.toMatch(/Lambert/);
  await b.screenshot('data-protection-2-admin-erased');
  await logout(page);
});
