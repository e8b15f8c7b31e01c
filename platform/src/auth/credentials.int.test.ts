import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock } from '../clock';
import { openStore, type OpenedStore } from '../store/database';
import { ApiTokens } from './api-tokens';
import { Authenticator, SESSION_COOKIE } from './authenticator';
import { Sessions, SESSION_TTL_MS } from './sessions';
import { Users } from './users';

describe('users, sessions and API tokens on SQLite', () => {
  let dir: string;
  let store: OpenedStore;
  let clock: ManualClock;
  let users: Users;
  let sessions: Sessions;
  let tokens: ApiTokens;
  let auth: Authenticator;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-auth-'));
    store = await openStore(dir);
    clock = new ManualClock();
    users = new Users(store.db, clock);
    sessions = new Sessions(store.db, clock);
    tokens = new ApiTokens(store.db, clock);
    auth = new Authenticator(users, sessions, tokens, clock);
    await users.create({
      name: 'coord.hainaut',
      password: 'a long enough secret',
      role: 'coordinator',
      agencyId: 'COORD-BE-WHT',
    });
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('logs in with the right password only, and stores no plain password', async () => {
    expect(await users.checkPassword('coord.hainaut', 'a long enough secret')).toMatchObject({
      role: 'coordinator',
    });
    expect(await users.checkPassword('coord.hainaut', 'wrong')).toBeUndefined();
    expect(await users.checkPassword('nobody', 'a long enough secret')).toBeUndefined();
    const row = await store.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(row.password_hash).not.toContain('secret');
  });

  it('refuses a short password and a duplicate name with a reason', async () => {
    await expect(
      users.create({ name: 'x.y', password: 'short', role: 'analyst', agencyId: 'IPLUS' }),
    ).rejects.toMatchObject({ code: 'weak_password' });
    await expect(
      users.create({
        name: 'coord.hainaut',
        password: 'another long secret',
        role: 'analyst',
        agencyId: 'IPLUS',
      }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('a session cookie authenticates until it expires, carrying the province and a CSRF token', async () => {
    const { cookie, session } = await sessions.open('coord.hainaut');
    const header = `other=1; ${SESSION_COOKIE}=${cookie}`;
    expect(await auth.authenticate(undefined, header)).toMatchObject({
      user: 'coord.hainaut',
      province: 'BE-WHT',
      via: 'session',
      csrfToken: session.csrfToken,
    });
    const row = await store.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
    expect(row.id_hash).not.toBe(cookie);
    clock.advance(SESSION_TTL_MS + 1);
    expect(await auth.authenticate(undefined, header)).toBeUndefined();
  });

  it('a bearer token authenticates until revoked or expired; only its hash is stored', async () => {
    const { token, info } = await tokens.issue('coord.hainaut', 'n8n');
    expect(await auth.authenticate(`Bearer ${token}`, undefined)).toMatchObject({
      user: 'coord.hainaut',
      via: 'token',
    });
    const row = await store.db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
    expect(token).not.toContain(row.secret_hash);
    expect(await auth.authenticate(`Bearer ${token.slice(0, -1)}x`, undefined)).toBeUndefined();
    expect(await tokens.revoke(info.id, 'coord.hainaut')).toBe(true);
    auth.forgetTokens();
    expect(await auth.authenticate(`Bearer ${token}`, undefined)).toBeUndefined();

    const expiring = await tokens.issue(
      'coord.hainaut',
      'short',
      new Date(clock.now().getTime() + 1000).toISOString(),
    );
    expect(await tokens.check(expiring.token)).toBeDefined();
    clock.advance(1001);
    expect(await tokens.check(expiring.token)).toBeUndefined();
  });
});
