import type * as DnsModule from 'node:dns';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { eventually } from '../../../platform/src/__fixtures__/engine-process';
import { startAdversarialPlatform, type AdversarialPlatform } from '../support/adversarial-platform';

/** The resolver module itself (an import would be a copy of it), so the platform in this process sees the stand-in. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dns = require('node:dns') as { -readonly [K in keyof typeof DnsModule]: (typeof DnsModule)[K] } & {
  promises: { lookup: (typeof DnsModule.promises)['lookup'] };
};

// Issue 12, "Callbacks go anywhere": a police agent registered http://127.0.0.1:<port>/… and the
// engine's internal REST URL as mandate callbacks; the platform POSTed the mandate (with the person's
// data) there, and retried for 24 h. Internal addresses are refused at registration (422) and at
// delivery unless IPLUS_CALLBACK_ALLOW names the host; redirects are not followed.
describe('mandate callbacks reach only public hosts or allowed ones', () => {
  jest.setTimeout(120_000);
  let a: AdversarialPlatform;
  let receiver: http.Server;
  let port: number;
  const hits: string[] = [];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      req.resume();
      if (req.url === '/redirect') {
        res.writeHead(307, { location: `http://127.0.0.1:${port}/target` }).end();
      } else res.writeHead(204).end();
    });
    await new Promise<void>((r) => receiver.listen(0, r)); // every interface: localhost may be ::1 or 127.0.0.1
    port = (receiver.address() as AddressInfo).port;
    // Only the name `localhost` is allowed, not its addresses.
    a = await startAdversarialPlatform({ callbackAllow: ['localhost'] });
  });
  afterAll(async () => {
    await a?.close();
    await new Promise((r) => receiver?.close(r));
  });

  const register = (url: string) =>
    a.send('agent.comines', {
      method: 'POST',
      path: `/api/mandates/${a.seed.policeMandateId}/callbacks`,
      body: { url },
    });

  it('refuses loopback, link-local and private addresses in every spelling, and the engine, with 422', async () => {
    const urls = [
      `http://127.0.0.1:${port}/hook`,
      `http://127.1.2.3:${port}/hook`,
      `http://2130706433:${port}/hook`,
      `http://0x7f.1:${port}/hook`,
      `http://[::1]:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/hook`,
      `http://[::ffff:7f00:1]:${port}/hook`,
      `http://[64:ff9b::7f00:1]:${port}/hook`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[fe80::1]/hook',
      'https://[fd00::1]/hook',
      'http://10.0.0.1/hook',
      'http://172.16.5.4/hook',
      'http://192.168.1.1/hook',
      'http://0.0.0.0/hook',
      `${a.engine.restAddress}/v2/variables/search`,
    ];
    const before = a.query<{ n: number }>('SELECT count(*) AS n FROM callbacks')[0]!.n;
    for (const url of urls) {
      const res = await register(url);
      expect(`${url} ${res.status}`).toBe(`${url} 422`);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json).toMatchObject({ code: 'callback_address_refused' });
      expect((res.json as { detail: string }).detail).toContain('IPLUS_CALLBACK_ALLOW');
    }
    expect(a.query<{ n: number }>('SELECT count(*) AS n FROM callbacks')[0]!.n).toBe(before);
    const denied = a.query<{ n: number }>(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'mandate.callback' AND outcome = 'denied'",
    )[0]!.n;
    expect(denied).toBe(urls.length);
  });

  it('delivers to an allowed host without following its redirect, refuses an old registration at delivery, and connects only to the address it checked (DNS rebinding)', async () => {
    // DNS rebinding: `rebind.test` answers a public address to the check and 127.0.0.1 to any later
    // lookup. The platform runs in this process, so this stands in for the resolver it uses.
    const checkLookup = dns.promises.lookup;
    const connectLookup = dns.lookup;
    const rebind = (host: unknown) => typeof host === 'string' && host === 'rebind.test';
    dns.promises.lookup = ((host: string, options: unknown) =>
      rebind(host)
        ? Promise.resolve([{ address: '203.0.113.10', family: 4 }])
        : checkLookup(host, options as DnsModule.LookupAllOptions)) as typeof DnsModule.promises.lookup;
    dns.lookup = ((host: string, options: unknown, callback?: unknown) => {
      const cb = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
      const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
      if (!rebind(host)) return (connectLookup as (...args: unknown[]) => void)(host, options, callback);
      process.nextTick(() =>
        all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4),
      );
    }) as typeof DnsModule.lookup;
    try {
      await rebindingCase();
    } finally {
      dns.promises.lookup = checkLookup;
      dns.lookup = connectLookup;
    }
  });

  async function rebindingCase(): Promise<void> {
    expect((await register(`http://localhost:${port}/redirect`)).status).toBe(201);
    // A callback registered before the check (an upgraded data folder): refused when it is delivered.
    const db = new Database(path.join(a.t.dataDir, 'platform.sqlite'));
    try {
      db.prepare(
        'INSERT INTO callbacks (id, mandate_id, url, created_by, created_at, delivered_at) VALUES (?, ?, ?, ?, ?, NULL)',
      ).run(
        'CB-BEFORE',
        a.seed.policeMandateId,
        `http://127.0.0.1:${port}/old`,
        'agent.comines',
        new Date().toISOString(),
      );
      db.prepare(
        'INSERT INTO callbacks (id, mandate_id, url, created_by, created_at, delivered_at) VALUES (?, ?, ?, ?, ?, NULL)',
      ).run(
        'CB-REBIND',
        a.seed.policeMandateId,
        `http://rebind.test:${port}/rebound`,
        'agent.comines',
        new Date().toISOString(),
      );
    } finally {
      db.close();
    }
    const ack = await a.send('agent.comines', {
      method: 'POST',
      path: `/api/mandates/${a.seed.policeMandateId}/acknowledge`,
      body: {},
    });
    expect(ack.status).toBe(200);
    // each of the three tried once: failed (last_error), or delivered (done), which no callback here may be
    const tried = await eventually(
      async () => {
        const rows = a.query<{ key: string; last_error: string | null; done_at: string | null }>(
          "SELECT key, last_error, done_at FROM outbox WHERE kind = 'callback' ORDER BY key",
        );
        return rows.length === 3 && rows.every((r) => r.last_error || r.done_at) ? rows : undefined;
      },
      60_000,
      'the three callbacks tried',
    );
    // checked as 203.0.113.10 (public), so the request went there, never to the 127.0.0.1 of a second lookup
    expect(hits).not.toContain('/rebound');
    expect(tried.filter((r) => r.done_at)).toEqual([]);
    expect(tried.find((r) => r.key === 'callback:CB-REBIND')!.last_error).toMatch(
      /rebind\.test:\d+\/rebound failed/,
    );
    expect(tried.find((r) => r.key === 'callback:CB-BEFORE')!.last_error).toMatch(
      /refused: 127\.0\.0\.1 is 127\.0\.0\.1/,
    );
    expect(
      tried.find((r) => !['callback:CB-BEFORE', 'callback:CB-REBIND'].includes(r.key))!.last_error,
    ).toContain('answered 307');
    expect(hits).toContain('/redirect');
    expect(hits).not.toContain('/target');
    expect(hits).not.toContain('/old');
    expect(a.query('SELECT id FROM callbacks WHERE delivered_at IS NOT NULL')).toEqual([]);
  }
});
