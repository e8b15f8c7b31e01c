/**
 * Issue 12 in real Chromium against `iplus start`: the header warns while demo accounts exist, and
 * the admin's Users page disables and enables an account, sets a new password and ends sessions;
 * the API confirms that each took effect at once.
 */
import { login, logout, openBrowser, type Browser } from './support/browser';
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

/** The status of a request as a demo user, by token. */
async function statusAs(user: string, path: string): Promise<number> {
  const res = await fetch(`${platform.url}${path}`, {
    headers: { authorization: `Bearer ${platform.user(user).token}` },
  });
  return res.status;
}

/** Logs in through the API with a password; the status. */
async function passwordLogin(user: string, password: string): Promise<number> {
  const res = await fetch(`${platform.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, password }),
  });
  return res.status;
}

test('every signed-in role sees the demo warning in the header, in its language', async () => {
  const { page } = b;
  await login(page, platform.user('clerk.mons'), 'fr');
  await waitForText(page.locator('header [data-testid=demo-banner]'), /comptes de démonstration/);
  await logout(page);
  await login(page, platform.user('agent.gent'), 'nl');
  await waitForText(page.locator('header [data-testid=demo-banner]'), /Demo-accounts zijn actief/);
  await b.screenshot('accounts-1-demo-banner');
  await logout(page);
});

test('admin: disables and enables an account, sets a new password, ends sessions', async () => {
  const { page } = b;
  await login(page, platform.user('admin'), 'en');
  await waitForText(page.locator('header [data-testid=demo-banner]'), /Demo accounts are enabled/);
  await go(page, '#/users');
  const row = (user: string) => page.locator(`[data-testid=users] tr[data-user="${user}"]`);
  await waitForText(row('clerk.gent'), /demo/);
  // the admin cannot disable itself from the page
  expect(await row('admin').getByRole('button', { name: 'Disable' }).isDisabled()).toBe(true);

  expect(await statusAs('clerk.gent', '/api/whoami')).toBe(200);
  await row('clerk.gent').getByRole('button', { name: 'Disable' }).click();
  await waitForText(page.locator('[role=status] .alert-ok'), /clerk\.gent is disabled/);
  await waitForText(row('clerk.gent'), /disabled/);
  expect(await statusAs('clerk.gent', '/api/whoami')).toBe(401);

  await row('clerk.gent').getByRole('button', { name: 'Enable' }).click();
  await waitForText(page.locator('[role=status] .alert-ok'), /clerk\.gent is active again/);
  expect(await statusAs('clerk.gent', '/api/whoami')).toBe(200);

  await row('assistant.gent').getByRole('button', { name: 'New password' }).click();
  await page.getByLabel('New password for assistant.gent').fill('a new password from the page');
  await page.getByRole('button', { name: 'Set password' }).click();
  await waitForText(page.locator('[role=status] .alert-ok'), /assistant\.gent has a new password/);
  expect(await passwordLogin('assistant.gent', platform.user('assistant.gent').password)).toBe(401);
  expect(await passwordLogin('assistant.gent', 'a new password from the page')).toBe(200);

  await row('assistant.gent').getByRole('button', { name: 'End sessions' }).click();
  await waitForText(page.locator('[role=status] .alert-ok'), /web sessions of assistant\.gent have ended/);
  await b.screenshot('accounts-2-users-page');

  const audit = (await (
    await fetch(`${platform.url}/api/audit?user=admin&limit=100`, {
      headers: { authorization: `Bearer ${platform.user('admin').token}` },
    })
  ).json()) as { items: Array<{ action: string; object: string }> };
  expect(audit.items.map((e) => `${e.action} ${e.object}`)).toEqual(
    expect.arrayContaining([
      'user.disable clerk.gent',
      'user.enable clerk.gent',
      'user.password_reset assistant.gent',
      'user.sessions_end assistant.gent',
    ]),
  );
  await logout(page);
});

test("admin: sets where an agency's messages go, in French; an internal webhook address is refused", async () => {
  const { page } = b;
  await login(page, platform.user('admin'), 'fr');
  await go(page, '#/delivery');
  await page.getByLabel('Organisme').fill('COORD-BE-WHT');
  await page.getByRole('button', { name: 'Afficher' }).click();
  const settings = page.locator('[data-testid=delivery-settings]');
  await waitForText(settings.locator('h2'), /COORD-BE-WHT/);
  await settings.getByLabel('Langue des messages').selectOption('nl');
  await settings.getByLabel('URL du webhook').fill('http://127.0.0.1:9/hook');
  await settings.getByLabel('Secret de signature du webhook').fill('s'.repeat(40));
  await settings.getByRole('button', { name: 'Enregistrer' }).click();
  await waitForText(page.locator('[role=alert]').first(), /127\.0\.0\.1/);

  await settings.getByLabel('URL du webhook').fill('https://203.0.113.10/iplus');
  await settings.getByRole('button', { name: 'Enregistrer' }).click();
  await waitForText(
    page.locator('[role=status] .alert-ok'),
    /paramètres d'envoi de COORD-BE-WHT sont enregistrés/,
  );
  await waitForText(page.locator('[data-testid=delivery-messages]'), /Derniers messages/);
  await b.screenshot('accounts-3-delivery-page');

  const saved = (await (
    await fetch(`${platform.url}/api/agencies/COORD-BE-WHT/delivery`, {
      headers: { authorization: `Bearer ${platform.user('admin').token}` },
    })
  ).json()) as unknown;
  expect(saved).toMatchObject({
    language: 'nl',
    emails: [],
    webhook: { url: 'https://203.0.113.10/iplus', secretSet: true },
    updatedBy: 'admin',
  });
  await logout(page);
});
