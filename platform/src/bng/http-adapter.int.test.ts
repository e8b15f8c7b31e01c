import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../clock';
import { OperationalError } from '../errors';
import type { SignalementRequest } from './bng-port';
import { HttpBngAdapter } from './http-adapter';

const request = (id: string): SignalementRequest => ({
  signalementId: id,
  decisionId: 'D-000001',
  reference: 'TAP-MONS-2026-000123',
  measure: 'conditional_release',
  person: { nrn: '85073003328', lastName: 'Dupont' },
  conditions: { general: ['no_new_offences'], particular: [] },
  validFrom: '2026-11-20',
});

type Behaviour = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/** A real BNG endpoint stand-in whose behaviour each test sets: up, down (503), slow, flaky. */
class FakeBng {
  behaviour: Behaviour = (_req, res) =>
    res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"BNG-1"}');
  readonly calls: Array<{ method: string; url: string; idempotencyKey: string | undefined; body: unknown }> =
    [];
  private server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      this.calls.push({
        method: req.method!,
        url: req.url!,
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
        body: JSON.parse(body || 'null'),
      });
      this.behaviour(req, res, body);
    });
  });
  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

describe('BNG HTTP adapter against a real HTTP server', () => {
  let bng: FakeBng;
  let url: string;
  let clock: ManualClock;
  const adapter = (over: Partial<ConstructorParameters<typeof HttpBngAdapter>[0]> = {}) =>
    new HttpBngAdapter(
      {
        baseUrl: url,
        timeoutMs: 300,
        sleep: async () => undefined,
        failureThreshold: 2,
        openMs: 30_000,
        ...over,
      },
      clock,
    );

  beforeEach(async () => {
    bng = new FakeBng();
    url = await bng.start();
    clock = new ManualClock();
  });
  afterEach(async () => bng.stop());

  it('PUTs the signalement under its id, as idempotency key, and returns the BNG id', async () => {
    expect(await adapter().createSignalement(request('S-000001'))).toEqual({ externalId: 'BNG-1' });
    expect(bng.calls).toEqual([
      expect.objectContaining({
        method: 'PUT',
        url: '/signalements/S-000001',
        idempotencyKey: 'S-000001',
        body: expect.objectContaining({ decisionId: 'D-000001' }),
      }),
    ]);
  });

  it('retries a flaky endpoint (503, then a reset connection) and succeeds on the third attempt', async () => {
    let n = 0;
    bng.behaviour = (_req, res) => {
      n++;
      if (n === 1) return void res.writeHead(503).end();
      if (n === 2) return void res.socket?.destroy();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"BNG-2"}');
    };
    expect(await adapter().createSignalement(request('S-000002'))).toEqual({ externalId: 'BNG-2' });
    expect(bng.calls.map((c) => c.url)).toEqual(Array(3).fill('/signalements/S-000002'));
  });

  it('gives up on a slow endpoint after its timeout, as an operational (retryable) error', async () => {
    // The endpoint would answer after 5 s; two attempts of 300 ms each (and the pause between them)
    // end long before, with a margin for a busy machine.
    bng.behaviour = (_req, res) => setTimeout(() => res.writeHead(200).end('{}'), 5000).unref();
    const started = Date.now();
    await expect(adapter({ attempts: 2 }).createSignalement(request('S-000003'))).rejects.toBeInstanceOf(
      OperationalError,
    );
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('opens the circuit while the endpoint is down, then lets one trial through and closes when it is back', async () => {
    await bng.stop();
    const a = adapter({ attempts: 1 });
    await expect(a.createSignalement(request('S-4'))).rejects.toMatchObject({ code: 'bng_unreachable' });
    await expect(a.createSignalement(request('S-4'))).rejects.toMatchObject({ code: 'bng_unreachable' });
    expect(a.health()).toMatchObject({ status: 'down', circuit: 'open' });
    // Back up, but the circuit stays open until its time is over: no call reaches the endpoint.
    bng = new FakeBng();
    const back = await bng.start();
    const b = new HttpBngAdapter(
      {
        baseUrl: back,
        timeoutMs: 300,
        sleep: async () => undefined,
        attempts: 1,
        failureThreshold: 1,
        openMs: 30_000,
      },
      clock,
    );
    bng.behaviour = (_req, res) => res.writeHead(500).end();
    await expect(b.createSignalement(request('S-5'))).rejects.toMatchObject({ code: 'bng_http_status' });
    bng.behaviour = (_req, res) =>
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"BNG-5"}');
    await expect(b.createSignalement(request('S-5'))).rejects.toMatchObject({ code: 'circuit_open' });
    expect(bng.calls).toHaveLength(1);
    clock.advance(30_000);
    expect(b.health()).toMatchObject({ circuit: 'half-open' });
    expect(await b.createSignalement(request('S-5'))).toEqual({ externalId: 'BNG-5' });
    expect(b.health()).toMatchObject({ status: 'up', circuit: 'closed' });
  });

  it('does not retry a request the endpoint refuses (4xx): that is a bug to fix, not a hiccup', async () => {
    bng.behaviour = (_req, res) =>
      res.writeHead(422, { 'content-type': 'application/json' }).end('{"error":"bad nrn"}');
    await expect(adapter().createSignalement(request('S-6'))).rejects.toThrow(
      /refused the signalement \(422\)/,
    );
    expect(bng.calls).toHaveLength(1);
  });

  it('updates with PATCH under the change id as idempotency key, and ends with PUT …/end', async () => {
    bng.behaviour = (_req, res) => res.writeHead(204).end();
    await adapter().updateSignalement({
      signalementId: 'S-000007',
      decisionId: 'D-000007',
      changeId: 'REV-000001',
      reason: 'revision',
      person: { nrn: '85073003328' },
      conditions: { general: ['no_new_offences'], particular: [] },
      validUntil: '2027-12-01T00:00:00.000Z',
    });
    await adapter().endSignalement({
      signalementId: 'S-000007',
      decisionId: 'D-000007',
      reason: 'revoked',
      endedAt: '2026-12-02T10:00:00.000Z',
    });
    expect(bng.calls).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        url: '/signalements/S-000007',
        idempotencyKey: 'REV-000001',
        body: expect.objectContaining({ reason: 'revision', validUntil: '2027-12-01T00:00:00.000Z' }),
      }),
      expect.objectContaining({
        method: 'PUT',
        url: '/signalements/S-000007/end',
        idempotencyKey: 'S-000007:end',
        body: expect.objectContaining({ reason: 'revoked', endedAt: '2026-12-02T10:00:00.000Z' }),
      }),
    ]);
  });

  it('retries an end while the endpoint is down (503), and does not retry one it refuses (404)', async () => {
    let n = 0;
    bng.behaviour = (_req, res) => void res.writeHead(n++ === 0 ? 503 : 204).end();
    await adapter().endSignalement({
      signalementId: 'S-8',
      decisionId: 'D-8',
      reason: 'ended',
      endedAt: 'x',
    });
    expect(bng.calls).toHaveLength(2);
    bng.behaviour = (_req, res) => void res.writeHead(404).end();
    await expect(
      adapter().endSignalement({ signalementId: 'S-9', decisionId: 'D-9', reason: 'ended', endedAt: 'x' }),
    ).rejects.toThrow(/refused the end \(404\)/);
    expect(bng.calls).toHaveLength(3);
  });
});
