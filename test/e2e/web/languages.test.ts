/**
 * Switches the UI through French, Dutch, German and English on every page a role can open, and
 * checks that no untranslated message key (`inbox.title`, `errors.x`…) or unfilled placeholder
 * (`{count}`) is visible, that the document language follows, and that the choice is remembered.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { duplicateIds, focused, lowContrastTexts, unlabelledControls } from './support/a11y';
import { login, logout, openBrowser, type Browser } from './support/browser';
import { apiAs, eventually } from './support/api';
import { go, waitForText } from './support/page-helpers';
import { decisionBody } from './support/decision-body';
import { REPO, startPlatform, type RunningPlatform } from './support/platform';

jest.setTimeout(600_000);

const LANGUAGES = ['fr', 'nl', 'de', 'en'] as const;
const KEYS = Object.keys(
  JSON.parse(fs.readFileSync(path.join(REPO, 'web/src/i18n/en.json'), 'utf8')) as object,
);
const TITLES = { fr: "Journal d'audit", nl: 'Auditlog', de: 'Audit-Protokoll', en: 'Audit log' };

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
  // no page may log an error, be refused (403) or meet a server error, in any language
  expect(b.errors.splice(0)).toEqual([]);
});

/** Raw keys and unfilled placeholders in the visible text of the page. */
async function untranslated(page: Page): Promise<string[]> {
  // let the page's data and lazy chunks arrive
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const text = await page.locator('body').innerText();
  const found = KEYS.filter((k) => new RegExp(`(^|[^\\w.])${k.replace(/\./g, '\\.')}($|[^\\w.])`).test(text));
  const placeholders = text.match(/\{[a-zA-Z]+\}/g) ?? [];
  const rawCodes = text.match(/\berrors\.[a-z_]+\b/g) ?? [];
  return [...found, ...placeholders, ...rawCodes];
}

async function switchLanguage(page: Page, language: string): Promise<void> {
  await page.locator('header .language-switch select').selectOption(language);
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
}

/** Visits every menu entry of the signed-in role in every language. */
async function everyPageInEveryLanguage(page: Page, who: string, extra: string[] = []): Promise<void> {
  const menu = await page.locator('header nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  const paths = [...menu, ...extra];
  expect(paths.length).toBeGreaterThan(0);
  for (const language of LANGUAGES) {
    await switchLanguage(page, language);
    for (const p of paths) {
      await go(page, p);
      const problems = await untranslated(page);
      if (problems.length)
        await b.screenshot(`languages-untranslated-${who}-${language}-${p.replace(/\W+/g, '-')}`);
      expect({ language, page: p, untranslated: problems }).toEqual({ language, page: p, untranslated: [] });
      // accessible basics on every page: each control has a label; text contrast at least 4.5:1
      expect({
        page: p,
        unlabelled: await unlabelledControls(page),
        duplicateIds: await duplicateIds(page),
      }).toEqual({
        page: p,
        unlabelled: [],
        duplicateIds: [],
      });
      if (language === 'fr')
        expect({ page: p, lowContrast: await lowContrastTexts(page) }).toEqual({ page: p, lowContrast: [] });
    }
    await b.screenshot(`languages-${who}-${language}`);
  }
}

test('the login page switches language, and the choice is kept after login', async () => {
  const { page } = b;
  await page.goto('/');
  const labels: Record<string, string> = {};
  for (const language of LANGUAGES) {
    await page.locator('#login-language').selectOption(language);
    await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
    labels[language] = await page.locator('label[for=login-password]').innerText();
    expect(await untranslated(page)).toEqual([]);
  }
  expect(labels).toEqual({ fr: 'Mot de passe', nl: 'Wachtwoord', de: 'Passwort', en: 'Password' });

  await login(page, platform.user('admin'), 'de');
  await go(page, '#/audit');
  await waitForText(page.locator('#main h1'), new RegExp(TITLES.de));
  await page.reload();
  await waitForText(page.locator('#main h1'), new RegExp(TITLES.de));
  await switchLanguage(page, 'nl');
  await waitForText(page.locator('#main h1'), new RegExp(TITLES.nl));
  await logout(page);
  // the login page now speaks the language chosen last
  expect(await page.locator('#login-language').inputValue()).toBe('nl');
});

test('keyboard only: the login page in tab order with a visible focus, and the skip link', async () => {
  const { page } = b;
  await page.context().clearCookies();
  await page.goto('/');
  await page.locator('#login-language').waitFor();
  await page.locator('#login-language').selectOption('en');
  const order: Array<{ element: string; outline: string }> = [];
  await page.locator('#login-language').focus();
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    order.push(await focused(page));
  }
  expect(order).toEqual([
    { element: 'login-user', outline: 'solid' },
    { element: 'login-password', outline: 'solid' },
    { element: 'BUTTON', outline: 'solid' },
  ]);
  const admin = platform.user('admin');
  await page.locator('#login-user').focus();
  await page.keyboard.type(admin.user);
  await page.keyboard.press('Tab');
  await page.keyboard.type(admin.password);
  await page.keyboard.press('Enter');
  await page.locator('header.app-header').waitFor();
  // the skip link comes before the header in tab order, shows on focus; Enter moves to the main part
  await page.locator('header.app-header a.brand').focus();
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toEqual({ element: 'A', outline: 'solid' });
  const skip = page.locator('.skip-link');
  expect((await skip.boundingBox())!.x).toBeGreaterThanOrEqual(0);
  await b.screenshot('a11y-skip-link');
  await page.keyboard.press('Enter');
  expect((await focused(page)).element).toBe('main');
  await logout(page);
});

test('admin (every page of analysts too) and coordinator pages show no untranslated text in FR, NL, DE and EN', async () => {
  const { page } = b;
  for (const who of ['admin', 'coordinator'] as const) {
    await login(page, platform.user(who), 'fr');
    await everyPageInEveryLanguage(page, who);
    await logout(page);
  }
});

test('parquet clerk, police agent and prison officer pages, with a decision and its mandates, show no untranslated text in FR, NL, DE and EN', async () => {
  const { page } = b;
  const decision = await uploadDecision();
  const mandate = decision.mandates.find((m) => m.kind === 'police_check')!;
  await login(page, platform.user('parquet_clerk'), 'fr');
  await everyPageInEveryLanguage(page, 'parquet_clerk', [`#/decisions/${decision.id}`]);
  await logout(page);
  await login(page, platform.user('police_agent'), 'fr');
  await everyPageInEveryLanguage(page, 'police_agent', [`#/mandates/${mandate.id}`]);
  await logout(page);
  // the prison officer's pages, its upload of a prison leave among them (issue 15)
  await login(page, platform.user('prison_officer'), 'fr');
  await everyPageInEveryLanguage(page, 'prison_officer');
  await logout(page);
});

/** A decision for Comines-Warneton uploaded through the API, once its mandates are issued. */
async function uploadDecision(): Promise<{ id: string; mandates: Array<{ id: string; kind: string }> }> {
  const d = await apiAs<{ id: string }>(
    platform.url,
    platform.user('parquet_clerk'),
    'POST',
    '/api/decisions',
    decisionBody({
      reference: `TAP-MONS-LANG-${Date.now()}`,
      measure: 'conditional_release',
      nrn: '85073003328',
      lastName: 'Dupont',
      firstNames: 'Jean',
      particular: [{ type: 'obligation', category: 'treatment', text: 'suivre un traitement' }],
    }),
  );
  return eventually(
    'mandates issued',
    async () => {
      const full = await apiAs<{ id: string; mandates: Array<{ id: string; kind: string }> }>(
        platform.url,
        platform.user('parquet_clerk'),
        'GET',
        `/api/decisions/${d.id}`,
      );
      return full.mandates.some((m) => m.kind === 'police_check') ? full : undefined;
    },
    90_000,
  );
}
