import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cominesDecision, jsonUpload } from '../../platform/src/__fixtures__/sample-decision';
import { BAD_INPUTS, MAX_DOCUMENT_BYTES, type BadInputCase } from './bad-inputs';
import {
  startAdversarialPlatform,
  type AdversarialPlatform,
  type RawRequest,
  type Seed,
} from './support/adversarial-platform';
import { valueAt } from './support/value-at';

interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  errors?: Array<{ field: string; code: string; message: string }>;
}

/** Puts the seeded ids where a case names them. */
function withSeed<T>(value: T, seed: Seed): T {
  if (typeof value === 'string')
    return value.replace(
      /\{(decisionId|policeMandateId|guidanceMandateId|signalementId)\}/g,
      (_, k: keyof Seed) => seed[k],
    ) as T;
  if (Buffer.isBuffer(value) || value === null || typeof value !== 'object') return value;
  return JSON.parse(withSeed(JSON.stringify(value), seed)) as T;
}

// Issue 8, "Bad input": every case of bad-inputs.ts through the real HTTP API of a real platform
// whose engine runs in its own process (gRPC), on a fresh data folder.
/** The stored counts once they hold still for 300 ms (at most 15 s): background work has landed. */
async function settledCounts(a: AdversarialPlatform): Promise<Record<string, number>> {
  let last = JSON.stringify(a.storedCounts());
  for (let waited = 0; waited < 15_000; waited += 300) {
    await new Promise((r) => setTimeout(r, 300));
    const now = JSON.stringify(a.storedCounts());
    if (now === last) return JSON.parse(now) as Record<string, number>;
    last = now;
  }
  return JSON.parse(last) as Record<string, number>;
}

describe('bad-input catalogue', () => {
  jest.setTimeout(120_000);
  let a: AdversarialPlatform;
  const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-adv-web-'));
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>iplus</title>');

  beforeAll(async () => {
    a = await startAdversarialPlatform({ maxDocumentBytes: MAX_DOCUMENT_BYTES, webRoot });
  });
  afterAll(async () => {
    await a?.close();
    fs.rmSync(webRoot, { recursive: true, force: true });
  });

  it('holds at least 100 cases, each with a unique name', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(BAD_INPUTS.map((c) => c.name)).size).toBe(BAD_INPUTS.length);
  });

  /** Whether the case before was accepted (it may have started a process that still issues mandates). */
  let accepted = true;
  it.each(BAD_INPUTS.map((c): [string, BadInputCase] => [c.name, c]))('%s', async (_name, c) => {
    const raw = typeof c.request === 'function' ? c.request() : c.request;
    const request: RawRequest = {
      method: raw.method,
      path: withSeed(raw.path, a.seed),
      headers: withSeed(raw.headers, a.seed),
      body: withSeed(raw.body, a.seed),
    };
    // A decision accepted by the case before is still being routed (the mandate worker checks each
    // recipient against the routing first): let its rows land before counting.
    const before = accepted ? await settledCounts(a) : a.storedCounts();
    const res = await a.send(c.as ?? 'clerk.mons', request);
    accepted = res.status < 400;
    const answer = `${res.status} ${res.text.slice(0, 600)}`;
    expect({ status: res.status, answer }).toMatchObject({ status: c.expect.status });

    if (c.expect.textIncludes) expect(res.text).toContain(c.expect.textIncludes);
    if (c.expect.textExcludes) expect(res.text).not.toContain(c.expect.textExcludes);
    if (res.status >= 400) {
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const p = res.json as ProblemBody;
      expect(p).toMatchObject({ status: res.status, title: expect.any(String), detail: expect.any(String) });
      expect(p.type).toBe(`https://iplus.example/problems/${p.code}`);
      if (c.expect.code) expect({ code: p.code, answer }).toMatchObject({ code: c.expect.code });
      if (c.expect.errorCode)
        expect({ codes: (p.errors ?? []).map((e) => e.code), answer }).toMatchObject({
          codes: expect.arrayContaining([c.expect.errorCode]),
        });
      if (c.expect.detailIncludes) {
        const said = [p.detail, ...(p.errors ?? []).map((e) => `${e.field}: ${e.message}`)].join(' | ');
        expect(said.toLowerCase()).toContain(c.expect.detailIncludes.toLowerCase());
      }
      // Refused means refused: no row and no document file more than before.
      expect(a.storedCounts()).toEqual(before);
    }

    if (c.roundTrip) {
      const rt = withSeed(c.roundTrip, a.seed);
      if ('sql' in rt) {
        const rows = a.query<{ v: string }>(rt.sql, ...rt.params);
        expect(rows.map((r) => r.v)).toContain(rt.value);
      } else {
        const read = await a.send(rt.readAs ?? 'admin', {
          method: 'GET',
          path: rt.path,
          headers: { 'x-justification': 'bad-input catalogue: reading back what was stored' },
        });
        expect(read.status).toBe(200);
        expect(read.headers.get('content-type')).toMatch(/^application\/json/);
        expect(valueAt(read.json, rt.pointer)).toBe(rt.value);
      }
    }
  });

  it('stays up after the whole catalogue, and still takes a good decision', async () => {
    const health = await a.send('anonymous', { method: 'GET', path: '/health' });
    expect(health.status).toBe(200);
    expect((health.json as { status: string }).status).toBe('up');
    const ok = await a.send('clerk.mons', {
      method: 'POST',
      path: '/api/decisions',
      body: jsonUpload(cominesDecision('ADV-AFTER-CATALOGUE')),
    });
    expect(ok.status).toBe(201);
    const verify = await a.send('admin', { method: 'GET', path: '/api/audit/verify' });
    expect(verify.json).toMatchObject({ ok: true });
  });
});
