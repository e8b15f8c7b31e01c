import { startTestPlatform, type TestPlatform } from '../../../platform/src/__fixtures__/test-platform';
import { bearer, call, login } from './support/auth-client';

// Issue 12, "Smaller": `/health` showed anonymous callers the engine's address, the models folder
// and error texts. Now everyone gets each part's up/down; an admin (token or session) also gets the
// details. The platform's engine address is a port nothing listens on, so the engine part is down
// with an error text that names the address.
describe('/health and /ready (issue 12)', () => {
  jest.setTimeout(60_000);
  let t: TestPlatform;
  const engineAddress = '127.0.0.1:1';

  beforeAll(async () => {
    t = await startTestPlatform({ zeebeAddress: engineAddress });
  });
  afterAll(async () => t?.close());

  const leaks = (text: string) =>
    [engineAddress, t.dataDir, '/bpmn', 'error', 'address', 'pendingOutbox'].filter((s) => text.includes(s));

  it('tells an anonymous caller only whether each part is up, nothing about addresses or folders', async () => {
    for (const p of ['/health', '/ready']) {
      const r = await call(t.url, 'GET', p);
      expect([200, 503]).toContain(r.status);
      expect(leaks(r.text)).toEqual([]);
      const parts = r.json.parts as Record<string, Record<string, unknown>>;
      expect(Object.keys(parts)).toEqual(
        expect.arrayContaining(['http', 'store', 'engine', 'models', 'routing', 'workers', 'bng']),
      );
      for (const part of Object.values(parts)) expect(Object.keys(part)).toEqual(['status']);
      expect(r.json.details).toBeUndefined();
    }
    const health = await call(t.url, 'GET', '/health');
    expect(health.json).toMatchObject({
      status: 'degraded',
      parts: { store: { status: 'up' }, engine: { status: 'down' } },
    });
  });

  it('gives no details to a signed-in role other than admin, nor to a forged token', async () => {
    for (const user of ['clerk.mons', 'analyst', 'coord.hainaut']) {
      const r = await call(t.url, 'GET', '/health', { headers: bearer(t.creds[user]!.token) });
      expect(r.status).toBe(200);
      expect(r.json.details).toBeUndefined();
      expect(leaks(r.text)).toEqual([]);
    }
    const forged = await call(t.url, 'GET', '/health', {
      headers: bearer('iplus_0123456789abcdef_' + 'x'.repeat(43)),
    });
    expect(forged.status).toBe(200);
    expect(forged.json.details).toBeUndefined();
  });

  it('gives an admin the details of each part, by token and by web session', async () => {
    const byToken = await call(t.url, 'GET', '/health', { headers: bearer(t.creds.admin!.token) });
    expect(byToken.json).toMatchObject({
      parts: { engine: { status: 'down' } },
      details: {
        engine: { address: engineAddress, error: expect.any(String) },
        store: { pendingOutbox: expect.any(Number) },
        workers: { detail: expect.any(String) },
      },
    });
    expect(Object.keys(byToken.json.parts as object)).toEqual(Object.keys(byToken.json.details as object));
    const { session } = await login(t.url, 'admin', t.creds.admin!.password);
    const bySession = await call(t.url, 'GET', '/health', { headers: { cookie: session!.cookie } });
    expect(bySession.json).toMatchObject({ details: { engine: { address: engineAddress } } });
  });
});
