import * as path from 'node:path';
import Database from 'better-sqlite3';
import { startTestPlatform, type TestPlatform } from '../../../platform/src/__fixtures__/test-platform';
import { bearer, call, login, type WebSession } from './support/auth-client';

interface AuditRow {
  user_name: string;
  action: string;
  object: string;
  outcome: string;
}

// Issue 12, "Demo accounts everywhere": an admin could not take an account away. Now an admin
// disables and enables accounts, resets passwords and ends sessions; a disabled account's sessions
// and API tokens stop at once (also a token verified a moment before); every change is audited, and
// so is every refused attempt by another role.
describe('admin user management (issue 12)', () => {
  jest.setTimeout(120_000);
  let t: TestPlatform;
  let db: Database.Database;
  const admin = () => bearer(t.creds.admin!.token);
  const audit = (action: string, object: string) =>
    db
      .prepare('SELECT user_name, action, object, outcome FROM audit_log WHERE action = ? AND object = ?')
      .all(action, object) as AuditRow[];

  async function signIn(user: string, password = t.creds[user]!.password): Promise<WebSession> {
    const { answer, session } = await login(t.url, user, password);
    expect(answer.status).toBe(200);
    return session!;
  }
  const whoamiBySession = (s: WebSession) =>
    call(t.url, 'GET', '/api/whoami', { headers: { cookie: s.cookie } });
  const whoamiByToken = (token: string) => call(t.url, 'GET', '/api/whoami', { headers: bearer(token) });

  beforeAll(async () => {
    t = await startTestPlatform();
    db = new Database(path.join(t.dataDir, 'platform.sqlite'), { readonly: true });
  });
  afterAll(async () => {
    db?.close();
    await t?.close();
  });

  it('disabling an account stops its session and its token at once, and its password', async () => {
    const user = 'clerk.gent';
    const session = await signIn(user);
    const token = t.creds[user]!.token;
    expect((await whoamiByToken(token)).status).toBe(200); // now in the verified-token cache
    expect((await whoamiBySession(session)).status).toBe(200);

    const disabled = await call(t.url, 'PATCH', `/api/users/${user}`, {
      headers: admin(),
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.json).toMatchObject({ name: user, disabled: true });

    expect((await whoamiByToken(token)).status).toBe(401);
    expect((await whoamiBySession(session)).status).toBe(401);
    expect((await login(t.url, user, t.creds[user]!.password, '127.0.4.1')).answer.status).toBe(401);
    expect(
      (db.prepare('SELECT count(*) AS n FROM sessions WHERE user_name = ?').get(user) as { n: number }).n,
    ).toBe(0);
    expect(audit('user.disable', user)).toEqual([
      { user_name: 'admin', action: 'user.disable', object: user, outcome: 'ok' },
    ]);

    const enabled = await call(t.url, 'PATCH', `/api/users/${user}`, {
      headers: admin(),
      body: { disabled: false },
    });
    expect(enabled.json).toMatchObject({ disabled: false });
    expect((await whoamiByToken(token)).status).toBe(200);
    expect(audit('user.enable', user)).toHaveLength(1);
  });

  it('a password reset makes the old password fail, the new one work, and ends the sessions', async () => {
    const user = 'assistant.gent';
    const session = await signIn(user);
    const fresh = 'a brand new password 2026';
    const reset = await call(t.url, 'POST', `/api/users/${user}/password`, {
      headers: admin(),
      body: { password: fresh },
    });
    expect(reset.status).toBe(204);
    expect((await whoamiBySession(session)).status).toBe(401);
    expect((await login(t.url, user, t.creds[user]!.password, '127.0.4.2')).answer.status).toBe(401);
    await signIn(user, fresh);
    expect(audit('user.password_reset', user)).toHaveLength(1);
    const weak = await call(t.url, 'POST', `/api/users/${user}/password`, {
      headers: admin(),
      body: { password: 'short' },
    });
    expect(weak.status).toBe(400);
  });

  it('ending the sessions logs the user out everywhere, and leaves the API token alone', async () => {
    const user = 'coord.bruxelles';
    const one = await signIn(user);
    const two = await signIn(user);
    const ended = await call(t.url, 'DELETE', `/api/users/${user}/sessions`, { headers: admin() });
    expect(ended.status).toBe(200);
    expect(ended.json).toEqual({ ended: 2 });
    expect((await whoamiBySession(one)).status).toBe(401);
    expect((await whoamiBySession(two)).status).toBe(401);
    expect((await whoamiByToken(t.creds[user]!.token)).status).toBe(200);
    expect(audit('user.sessions_end', user)).toHaveLength(1);
  });

  it('the web admin session can do it too (CSRF token required)', async () => {
    const s = await signIn('admin');
    const noCsrf = await call(t.url, 'PATCH', '/api/users/clerk.bruxelles', {
      headers: { cookie: s.cookie },
      body: { disabled: true },
    });
    expect(noCsrf.status).toBe(403);
    const ok = await call(t.url, 'PATCH', '/api/users/clerk.bruxelles', {
      headers: s.headers,
      body: { disabled: true },
    });
    expect(ok.status).toBe(200);
    await call(t.url, 'PATCH', '/api/users/clerk.bruxelles', {
      headers: s.headers,
      body: { disabled: false },
    });
  });

  it('refuses every other role (403, audited), an unknown user (404) and an admin disabling itself (409)', async () => {
    for (const [user, req] of [
      ['coord.hainaut', { method: 'PATCH', path: '/api/users/clerk.mons', body: { disabled: true } }],
      [
        'analyst',
        { method: 'POST', path: '/api/users/admin/password', body: { password: 'taken over at last' } },
      ],
      ['clerk.mons', { method: 'DELETE', path: '/api/users/admin/sessions' }],
    ] as const) {
      const r = await call(t.url, req.method, req.path, {
        headers: bearer(t.creds[user]!.token),
        body: 'body' in req ? req.body : undefined,
      });
      expect(r.status).toBe(403);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      const rows = db
        .prepare(
          "SELECT user_name FROM audit_log WHERE user_name = ? AND action LIKE 'user.%' AND outcome = 'denied'",
        )
        .all(user);
      expect(rows.length).toBeGreaterThan(0);
    }
    expect((await whoamiByToken(t.creds['clerk.mons']!.token)).status).toBe(200);
    expect((await login(t.url, 'admin', t.creds.admin!.password, '127.0.4.3')).answer.status).toBe(200);

    const unknown = await call(t.url, 'PATCH', '/api/users/nobody.here', {
      headers: admin(),
      body: { disabled: true },
    });
    expect(unknown.status).toBe(404);
    const self = await call(t.url, 'PATCH', '/api/users/admin', {
      headers: admin(),
      body: { disabled: true },
    });
    expect(self.status).toBe(409);
    expect(self.json).toMatchObject({ code: 'cannot_disable_self' });
  });
});
