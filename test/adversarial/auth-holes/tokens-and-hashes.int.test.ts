import * as crypto from 'node:crypto';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { startTestPlatform, type TestPlatform } from '../../../platform/src/__fixtures__/test-platform';
import { ManualClock } from '../../../platform/src/clock';
import { bearer, call, login } from './support/auth-client';

// Issue 12, "Smaller": a token was accepted up to 5 s after its expiry (the verified-token cache
// outlived it); a token could be created already expired; passwords were hashed with scrypt N=2^15.
describe('token expiry and password hashing (issue 12)', () => {
  jest.setTimeout(120_000);
  const clock = new ManualClock(new Date());
  let t: TestPlatform;
  let db: Database.Database;

  beforeAll(async () => {
    t = await startTestPlatform({ clock });
    db = new Database(path.join(t.dataDir, 'platform.sqlite'));
  });
  afterAll(async () => {
    db?.close();
    await t?.close();
  });

  it('refuses a token the moment it expires, even one used (and cached) a moment before', async () => {
    const expiresAt = new Date(clock.now().getTime() + 2000).toISOString();
    const issued = await call(t.url, 'POST', '/api/tokens', {
      headers: bearer(t.creds['clerk.mons']!.token),
      body: { label: 'short-lived', expiresAt },
    });
    expect(issued.status).toBe(201);
    const token = issued.json.token as string;
    clock.advance(1500);
    expect((await call(t.url, 'GET', '/api/whoami', { headers: bearer(token) })).status).toBe(200);
    clock.advance(500); // exactly at the expiry: within the old 5 s cache, which answered 200
    const after = await call(t.url, 'GET', '/api/whoami', { headers: bearer(token) });
    expect(after.status).toBe(401);
    expect(after.json).toMatchObject({ code: 'unauthenticated', detail: expect.stringContaining('expired') });
  });

  it.each([
    ['in the past', -60_000],
    ['exactly now', 0],
  ])('refuses to create a token that expires %s (422), and stores nothing', async (_what, offset) => {
    const before = (db.prepare('SELECT count(*) AS n FROM api_tokens').get() as { n: number }).n;
    const r = await call(t.url, 'POST', '/api/tokens', {
      headers: bearer(t.creds['clerk.mons']!.token),
      body: { label: 'born dead', expiresAt: new Date(clock.now().getTime() + offset).toISOString() },
    });
    expect(r.status).toBe(422);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json).toMatchObject({
      code: 'token_already_expired',
      detail: expect.stringContaining('not after the current time'),
      errors: [expect.objectContaining({ field: 'expiresAt' })],
    });
    expect((db.prepare('SELECT count(*) AS n FROM api_tokens').get() as { n: number }).n).toBe(before);
  });

  it('hashes passwords with scrypt at N=2^17 (OWASP), the cost stored with each hash', () => {
    const rows = db.prepare('SELECT name, password_hash FROM users').all() as Array<{
      name: string;
      password_hash: string;
    }>;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
  });

  it('still accepts a password hashed at the old N=2^15, and upgrades the hash at that login', async () => {
    const user = 'analyst';
    const password = t.creds[user]!.password;
    const salt = crypto.randomBytes(16);
    const key = crypto.scryptSync(password, salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const old = ['scrypt', 32768, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    db.prepare('UPDATE users SET password_hash = ? WHERE name = ?').run(old, user);

    const wrong = await login(t.url, user, 'not the password at all', '127.0.3.1');
    expect(wrong.answer.status).toBe(401);
    expect(hashOf(user)).toBe(old);

    const right = await login(t.url, user, password, '127.0.3.2');
    expect(right.answer.status).toBe(200);
    expect(hashOf(user)).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect((await login(t.url, user, password, '127.0.3.2')).answer.status).toBe(200);
  });

  const hashOf = (user: string) =>
    (db.prepare('SELECT password_hash AS h FROM users WHERE name = ?').get(user) as { h: string }).h;
});
