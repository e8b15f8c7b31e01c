import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO, type DemoUser } from './platform';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO, 'test-artifacts', 'web');

/** The flags this machine needs: no GPU, no background network (the network is closed), no sandbox as root. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Errors the page logged or threw (a journey fails on them). */
  errors: string[];
  /** Paths of the JavaScript files the page loaded, in order (to check what loads lazily). */
  scripts: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Debian's Chromium driven by playwright-core, with a fresh user-data-dir. A missing Chromium fails
 * (under CI=true and everywhere else): these tests are never skipped.
 */
export async function openBrowser(baseUrl: string, locale = 'fr-BE'): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: run bash scripts/ensure-test-tools.sh (npm test runs it first: it installs Debian's chromium, or prints the one command that does) or set CHROMIUM_PATH`,
    );
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    locale,
    viewport: { width: 1400, height: 1000 },
    baseURL: baseUrl,
    acceptDownloads: true,
  });
  // a bound that catches a hang, not a speed check: CI's 2 cores also run the rest of the suite
  context.setDefaultTimeout(45_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (
      m.type() === 'error' &&
      !/Failed to load resource: the server responded with a status of (400|401|404|409|422)/.test(m.text())
    ) {
      errors.push(`console: ${m.text()}`);
    }
  });
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  // a page never asks for what its role may not have, and never meets a server error
  page.on('response', (r) => {
    if (r.status() === 403 || r.status() >= 500) {
      errors.push(`response: ${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()}`);
    }
  });
  return {
    context,
    page,
    errors,
    scripts,
    async screenshot(name) {
      const file = path.join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the login page as a demo user, choosing the language there first. */
export async function login(
  page: Page,
  user: DemoUser,
  language: 'fr' | 'nl' | 'de' | 'en' = 'fr',
): Promise<void> {
  // start from no session, whatever the previous journey left
  await page.context().clearCookies();
  await page.goto('/');
  try {
    await page.locator('#login-language').waitFor({ timeout: 45_000 });
  } catch (e) {
    await page.screenshot({ path: path.join(ARTIFACTS, `login-failed-${user.user}.png`), fullPage: true });
    throw new Error(`no login page for ${user.user} at ${page.url()}: ${(e as Error).message}`);
  }
  await page.locator('#login-language').selectOption(language);
  await page.getByLabel(LOGIN_USER[language]).fill(user.user);
  await page.getByLabel(LOGIN_PASSWORD[language]).fill(user.password);
  await page.getByRole('button', { name: LOGIN_SUBMIT[language] }).click();
  await page.locator('header.app-header').waitFor();
}

/** Logs out with the header button. */
export async function logout(page: Page): Promise<void> {
  await page.locator('header.app-header .user button').click();
  await page.locator('#login-language').waitFor();
}

const LOGIN_USER = { fr: "Nom d'utilisateur", nl: 'Gebruikersnaam', de: 'Benutzername', en: 'User name' };
const LOGIN_PASSWORD = { fr: 'Mot de passe', nl: 'Wachtwoord', de: 'Passwort', en: 'Password' };
const LOGIN_SUBMIT = { fr: 'Se connecter', nl: 'Aanmelden', de: 'Anmelden', en: 'Sign in' };
