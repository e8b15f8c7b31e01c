import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { startTestPlatform, type TestPlatform } from '../../platform/src/__fixtures__/test-platform';
import { ManualClock } from '../../platform/src/clock';
import { rawRequest } from './support/adversarial-platform';

const HOUR = 60 * 60 * 1000;

interface Answer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

// Issue 8, "Intruders": tokens (revoked, expired), sessions (expired, CSRF, cookie flags), a tampered
// audit chain, and the web's security headers. No engine is needed: these are the HTTP layer's and
// the store's; the platform's clock is a manual one, so a session expires without waiting.
describe('tokens, sessions, audit chain and web headers', () => {
  jest.setTimeout(60_000);
  const clock = new ManualClock(new Date());
  const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-adv-web-'));
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>iplus</title>');
  let t: TestPlatform;

  async function call(
    method: string,
    p: string,
    headers: Record<string, string> = {},
    body?: unknown,
  ): Promise<Answer> {
    const res = await rawRequest(
      t.url,
      method,
      p,
      body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body === undefined ? undefined : JSON.stringify(body),
    );
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(res.text) as Record<string, unknown>;
    } catch {
      // not JSON (the web page)
    }
    return { status: res.status, headers: res.headers, json };
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  /** Logs in; returns the session cookie (name=value) and the Set-Cookie header as sent. */
  async function login(user: string) {
    const res = await call('POST', '/api/auth/login', {}, { user, password: t.creds[user]!.password });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    return { cookie: setCookie.split(';')[0]!, setCookie, csrfToken: res.json.csrfToken as string };
  }

  beforeAll(async () => {
    t = await startTestPlatform({ clock, webRoot });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(webRoot, { recursive: true, force: true });
  });

  it('refuses a revoked token at once (401), while it worked a moment before', async () => {
    const issued = await call('POST', '/api/tokens', bearer(t.creds['clerk.mons']!.token), {
      label: 'leaked',
    });
    expect(issued.status).toBe(201);
    const token = issued.json.token as string;
    expect((await call('GET', '/api/whoami', bearer(token))).status).toBe(200);
    const id = (issued.json.info as { id: string }).id;
    expect((await call('DELETE', `/api/tokens/${id}`, bearer(t.creds.admin!.token))).status).toBe(204);
    const after = await call('GET', '/api/whoami', bearer(token));
    expect(after.status).toBe(401);
    expect(after.json).toMatchObject({ code: 'unauthenticated', detail: expect.stringContaining('revoked') });
  });

  it('refuses a token past its expiry (401)', async () => {
    const expiresAt = new Date(clock.now().getTime() + HOUR).toISOString();
    const issued = await call('POST', '/api/tokens', bearer(t.creds.analyst!.token), {
      label: 'short',
      expiresAt,
    });
    const token = issued.json.token as string;
    expect((await call('GET', '/api/whoami', bearer(token))).status).toBe(200);
    clock.advance(HOUR + 6000); // past the expiry and the 5 s token cache
    expect((await call('GET', '/api/whoami', bearer(token))).status).toBe(401);
  });

  it('refuses a forged, malformed or empty credential (401)', async () => {
    const real = t.creds.admin!.token;
    const forged = real.slice(0, -4) + (real.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const authorization of [
      `Bearer ${forged}`,
      'Bearer ',
      'Basic YWRtaW46YWRtaW4=',
      `Bearer ${real} x`,
    ]) {
      expect((await call('GET', '/api/whoami', { authorization })).status).toBe(401);
    }
    expect((await call('GET', '/api/whoami', { cookie: 'iplus_session=forged-session-id' })).status).toBe(
      401,
    );
  });

  it('ends a web session after its lifetime (401), and at logout', async () => {
    const s = await login('coord.hainaut');
    expect((await call('GET', '/api/whoami', { cookie: s.cookie })).status).toBe(200);
    clock.advance(12 * HOUR + 1000);
    const expired = await call('GET', '/api/whoami', { cookie: s.cookie });
    expect(expired.status).toBe(401);
    const again = await login('coord.hainaut');
    const out = await call('POST', '/api/auth/logout', {
      cookie: again.cookie,
      'x-csrf-token': again.csrfToken,
    });
    expect(out.status).toBe(204);
    expect((await call('GET', '/api/whoami', { cookie: again.cookie })).status).toBe(401);
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, Path=/, with a lifetime (no Secure on plain HTTP)', async () => {
    const { setCookie } = await login('clerk.mons');
    const attributes = setCookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes[0]).toMatch(/^iplus_session=.{20,}/);
    expect(attributes).toEqual(
      expect.arrayContaining([
        'httponly',
        'samesite=strict',
        'path=/',
        expect.stringMatching(/^max-age=\d+$/),
      ]),
    );
    // The platform speaks plain HTTP (TLS ends at a proxy): it marks the cookie Secure only when
    // the request arrived over https.
    expect(attributes).not.toContain('secure');
  });

  it('needs the CSRF token for a cookie-authenticated change (403 without or wrong, 2xx with); bearer tokens do not', async () => {
    const s = await login('clerk.mons');
    const without = await call('POST', '/api/tokens', { cookie: s.cookie }, { label: 'csrf' });
    expect(without.status).toBe(403);
    expect(without.json).toMatchObject({
      code: 'csrf_token_invalid',
      detail: expect.stringContaining('X-CSRF-Token'),
    });
    const wrong = await call(
      'POST',
      '/api/tokens',
      { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(32) },
      { label: 'csrf' },
    );
    expect(wrong.status).toBe(403);
    const other = await login('analyst');
    const stolen = await call(
      'POST',
      '/api/tokens',
      { cookie: s.cookie, 'x-csrf-token': other.csrfToken },
      { label: 'csrf' },
    );
    expect(stolen.status).toBe(403);
    const ok = await call(
      'POST',
      '/api/tokens',
      { cookie: s.cookie, 'x-csrf-token': s.csrfToken },
      { label: 'csrf' },
    );
    expect(ok.status).toBe(201);
    // reads need no CSRF token; bearer changes neither
    expect((await call('GET', '/api/tokens', { cookie: s.cookie })).status).toBe(200);
    expect(
      (await call('POST', '/api/tokens', bearer(t.creds['clerk.mons']!.token), { label: 'api' })).status,
    ).toBe(201);
    // nothing was created by the refused attempts: exactly the two accepted tokens carry these labels
    const list = (await call('GET', '/api/tokens', bearer(t.creds['clerk.mons']!.token)))
      .json as unknown as Array<{
      label: string;
    }>;
    expect(list.filter((x) => x.label === 'csrf')).toHaveLength(1);
  });

  it('sends the security headers on the web page and on the API, and no X-Powered-By or HSTS on plain HTTP', async () => {
    for (const p of ['/', '/decisions/D-000001', '/api/whoami', '/health']) {
      const res = await call('GET', p, bearer(t.creds.admin!.token));
      const h = res.headers;
      const csp = h.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('x-frame-options')).toBe('DENY');
      expect(h.get('referrer-policy')).toBe('no-referrer');
      expect(h.get('x-powered-by')).toBeNull();
      expect(h.get('strict-transport-security')).toBeNull();
      if (p.startsWith('/api/')) expect(h.get('cache-control')).toBe('no-store');
    }
  });

  it('detects a tampered audit chain and names the entry that was changed', async () => {
    // Some entries to tamper with: three reads of the audit log by the admin.
    for (let i = 0; i < 3; i++) await call('GET', '/api/audit?limit=1', bearer(t.creds.admin!.token));
    const before = await call('GET', '/api/audit/verify', bearer(t.creds.admin!.token));
    expect(before.json).toMatchObject({ ok: true });
    const db = new Database(path.join(t.dataDir, 'platform.sqlite'));
    try {
      const target = db
        .prepare("SELECT seq, user_name FROM audit_log WHERE action = 'audit.read' ORDER BY seq LIMIT 1")
        .get() as { seq: number; user_name: string };
      // The store refuses the change itself (triggers)...
      expect(() =>
        db.prepare("UPDATE audit_log SET user_name = 'someone.else' WHERE seq = ?").run(target.seq),
      ).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = ?').run(target.seq)).toThrow(/append-only/);
      // ...so an insider with the database file drops the triggers first, then rewrites who read
      // the log, leaving the hashes alone.
      const triggers = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
        .all() as Array<{ name: string }>;
      expect(triggers.length).toBeGreaterThan(0);
      for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`);
      db.prepare("UPDATE audit_log SET user_name = 'someone.else' WHERE seq = ?").run(target.seq);
      const after = await call('GET', '/api/audit/verify', bearer(t.creds.admin!.token));
      expect(after.json).toMatchObject({ ok: false, brokenAt: target.seq });
      // Put back, the chain holds again; then an entry removed is found at the one after it.
      db.prepare('UPDATE audit_log SET user_name = ? WHERE seq = ?').run(target.user_name, target.seq);
      expect((await call('GET', '/api/audit/verify', bearer(t.creds.admin!.token))).json).toMatchObject({
        ok: true,
      });
      db.prepare('DELETE FROM audit_log WHERE seq = ?').run(target.seq);
      const deleted = await call('GET', '/api/audit/verify', bearer(t.creds.admin!.token));
      expect(deleted.json).toMatchObject({ ok: false, brokenAt: target.seq + 1 });
    } finally {
      db.close();
    }
  });
});
