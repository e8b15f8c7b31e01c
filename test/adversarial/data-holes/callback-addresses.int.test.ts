import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { eventually } from '../../../platform/src/__fixtures__/engine-process';
import { startAdversarialPlatform, type AdversarialPlatform } from '../support/adversarial-platform';

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

  it('delivers to an allowed host without following its redirect, and refuses an old registration at delivery', async () => {
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
    } finally {
      db.close();
    }
    const ack = await a.send('agent.comines', {
      method: 'POST',
      path: `/api/mandates/${a.seed.policeMandateId}/acknowledge`,
      body: {},
    });
    expect(ack.status).toBe(200);
    const errors = await eventually(
      async () => {
        const rows = a.query<{ key: string; last_error: string | null }>(
          "SELECT key, last_error FROM outbox WHERE kind = 'callback' ORDER BY key",
        );
        return rows.length === 2 && rows.every((r) => r.last_error) ? rows : undefined;
      },
      30_000,
      'both callbacks tried',
    );
    expect(errors.find((r) => r.key === 'callback:CB-BEFORE')!.last_error).toMatch(
      /refused: 127\.0\.0\.1 is 127\.0\.0\.1/,
    );
    expect(errors.find((r) => r.key !== 'callback:CB-BEFORE')!.last_error).toContain('answered 307');
    expect(hits).toContain('/redirect');
    expect(hits).not.toContain('/target');
    expect(hits).not.toContain('/old');
    expect(a.query('SELECT id FROM callbacks WHERE delivered_at IS NOT NULL')).toEqual([]);
  });
});
