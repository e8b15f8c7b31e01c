import { startTestPlatform, type TestPlatform } from '../../../platform/src/__fixtures__/test-platform';
import { ManualClock } from '../../../platform/src/clock';
import { call, login } from './support/auth-client';

// Issue 12, "Anyone can lock out the admin": five wrong passwords used to lock an account for 15
// minutes, even against the right password from anywhere. Now each source address and each account
// waits 1 s, 2 s, 4 s … after its failures, and the account's delay never holds back a clean address.
// Callers on different addresses are played by binding the client to 127.0.0.x.
describe('login throttling (issue 12)', () => {
  jest.setTimeout(120_000);
  const clock = new ManualClock(new Date());
  let t: TestPlatform;
  const attacker = '127.0.0.2';

  beforeAll(async () => {
    t = await startTestPlatform({ clock });
  });
  afterAll(async () => t?.close());

  it('an address guessing the admin password waits longer and longer, and the admin still logs in from elsewhere', async () => {
    const waits: number[] = [];
    let refusedWithoutCheck = 0;
    for (let i = 0; i < 13; i++) {
      const r = await call(t.url, 'POST', '/api/auth/login', {
        body: { user: 'admin', password: `guess number ${i}` },
        from: attacker,
      });
      if (r.status === 429) {
        expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(r.json).toMatchObject({
          code: 'too_many_attempts',
          detail: expect.stringContaining('your address'),
        });
        const seconds = Number(r.headers['retry-after']);
        waits.push(seconds);
        // asking again at once is refused without looking at the password
        const again = await call(t.url, 'POST', '/api/auth/login', {
          body: { user: 'admin', password: t.creds.admin!.password },
          from: attacker,
        });
        expect(again.status).toBe(429);
        refusedWithoutCheck++;
        clock.advance(seconds * 1000);
      } else {
        expect(r.status).toBe(401);
      }
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    expect(refusedWithoutCheck).toBe(4);

    // The attack of issue 12: the right password from another address is not locked out.
    const admin = await login(t.url, 'admin', t.creds.admin!.password, '127.0.0.3');
    expect(admin.answer.status).toBe(200);
    expect(admin.session).toBeDefined();
  });

  it('guesses spread over many addresses slow down every address that guessed, never a clean one', async () => {
    const user = 'clerk.mons';
    for (let i = 1; i <= 6; i++) {
      const r = await call(t.url, 'POST', '/api/auth/login', {
        body: { user, password: 'wrong password here' },
        from: `127.0.1.${i}`,
      });
      expect(r.status).toBe(401);
    }
    // the account has 6 failures: an address that took part waits, even with the right password
    const guesser = await login(t.url, user, t.creds[user]!.password, '127.0.1.1');
    expect(guesser.answer.status).toBe(429);
    expect(guesser.answer.json.detail).toContain(user);
    expect(Number(guesser.answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // a clean address with the right password goes straight in
    const owner = await login(t.url, user, t.creds[user]!.password, '127.0.2.1');
    expect(owner.answer.status).toBe(200);
  });

  it('an insider cannot reset its address by logging in to its own account between guesses', async () => {
    const insider = '127.0.5.1';
    for (let i = 0; i < 5; i++) {
      const r = await call(t.url, 'POST', '/api/auth/login', {
        body: { user: 'coord.hainaut', password: `insider guess ${i}` },
        from: insider,
      });
      expect(r.status).toBe(401);
    }
    // its own account still works (a delay, never a lock) once the 1 s has passed …
    clock.advance(1000);
    expect(
      (await login(t.url, 'agent.comines', t.creds['agent.comines']!.password, insider)).answer.status,
    ).toBe(200);
    // … but the next guess waits as before: the success cleared nothing
    expect(
      (
        await call(t.url, 'POST', '/api/auth/login', {
          body: { user: 'coord.hainaut', password: 'x' },
          from: insider,
        })
      ).status,
    ).toBe(401);
    const r = await call(t.url, 'POST', '/api/auth/login', {
      body: { user: 'coord.hainaut', password: 'y' },
      from: insider,
    });
    expect(r.status).toBe(429);
  });

  it('a made-up X-Forwarded-For does not give a fresh address (no proxy is trusted by default)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await call(t.url, 'POST', '/api/auth/login', {
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
        body: { user: 'operator.cse', password: `spoofed guess ${i}` },
        from: '127.0.6.1',
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('a throttled address is still refused after the account owner logs in elsewhere', async () => {
    const r = await call(t.url, 'POST', '/api/auth/login', {
      body: { user: 'admin', password: 'one more guess' },
      from: attacker,
    });
    expect([401, 429]).toContain(r.status);
    const next = await call(t.url, 'POST', '/api/auth/login', {
      body: { user: 'admin', password: t.creds.admin!.password },
      from: attacker,
    });
    expect(next.status).toBe(429);
  });
});

// Behind a reverse proxy (IPLUS_TRUST_PROXY), the client address is the one the proxy forwards: one
// client guessing does not hold back the others coming through the same proxy, and only the trusted
// proxy's header counts.
describe('login throttling behind a trusted reverse proxy (issue 12)', () => {
  jest.setTimeout(120_000);
  const clock = new ManualClock(new Date());
  const proxy = '127.0.7.1';
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform({ clock, trustProxy: proxy });
  });
  afterAll(async () => t?.close());

  const via = (client: string, from = proxy) => ({ headers: { 'x-forwarded-for': client }, from });

  it('throttles the client the proxy names, not everybody behind the proxy', async () => {
    for (let i = 0; i < 6; i++) {
      const r = await call(t.url, 'POST', '/api/auth/login', {
        ...via('198.51.100.7'),
        body: { user: 'admin', password: `guess ${i}` },
      });
      expect(r.status).toBe(i < 5 ? 401 : 429);
    }
    const owner = await call(t.url, 'POST', '/api/auth/login', {
      ...via('198.51.100.8'),
      body: { user: 'admin', password: t.creds.admin!.password },
    });
    expect(owner.status).toBe(200);
  });

  it('ignores X-Forwarded-For from an address that is not the proxy', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await call(t.url, 'POST', '/api/auth/login', {
        ...via(`198.51.100.${20 + i}`, '127.0.7.2'),
        body: { user: 'clerk.mons', password: `guess ${i}` },
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});
