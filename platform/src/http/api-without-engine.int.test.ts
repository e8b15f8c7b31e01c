import * as fs from 'node:fs';
import * as path from 'node:path';
import { cominesDecision, jsonUpload, samplePdf } from '../__fixtures__/sample-decision';
import { startTestPlatform, type TestPlatform } from '../__fixtures__/test-platform';

// The HTTP API against a real store, with the engine unreachable: everything that needs no engine
// works, and the platform says it is not ready.
describe('HTTP API without an engine', () => {
  jest.setTimeout(60_000);
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t.close());

  it('serves /health (engine down) and /ready 503, with security headers', async () => {
    const health = await fetch(`${t.url}/health`);
    const body = (await health.json()) as { status: string; parts: Record<string, { status: string }> };
    expect(body.status).toBe('degraded');
    expect(body.parts.store!.status).toBe('up');
    expect(body.parts.engine!.status).toBe('down');
    expect((await fetch(`${t.url}/ready`)).status).toBe(503);
    expect(health.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('describes itself in OpenAPI 3.1 built from the route schemas', async () => {
    const doc = (await (await fetch(`${t.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: Record<string, unknown> }; parameters?: Array<{ name: string }> }
        >
      >;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/decisions',
        '/api/mandates/{id}/acknowledge',
        '/api/routing/tables/{province}',
        '/api/audit/verify',
      ]),
    );
    expect(Object.keys(doc.paths['/api/decisions']!.post!.requestBody!.content)).toEqual([
      'application/json',
      'multipart/form-data',
    ]);
    expect(doc.paths['/api/mandates']!.get!.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['status', 'kind', 'overdue', 'limit', 'cursor']),
    );
    expect(doc.components.schemas).toHaveProperty('Mandate');
    expect(JSON.stringify(doc)).not.toMatch(/"\$ref":"[A-Za-z]+#"/);
  });

  it('refuses anonymous calls with a problem document saying how to authenticate', async () => {
    const res = await fetch(`${t.url}/api/mandates`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({
      code: 'unauthenticated',
      status: 401,
      detail: expect.stringContaining('Bearer'),
    });
  });

  it('logs in with a session cookie (HttpOnly, SameSite=Strict) and demands the CSRF token for changes', async () => {
    const login = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'agent.comines', password: t.creds['agent.comines']!.password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/iplus_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
    const me = (await login.json()) as {
      role: string;
      agencyId: string;
      csrfToken: string;
      agency: { kind: string };
    };
    expect(me).toMatchObject({ role: 'police_agent', agencyId: 'PZ-5318', agency: { kind: 'police_zone' } });
    const session = cookie.split(';')[0]!;
    expect((await fetch(`${t.url}/api/whoami`, { headers: { cookie: session } })).status).toBe(200);
    const noCsrf = await fetch(`${t.url}/api/tokens`, {
      method: 'POST',
      headers: { cookie: session, 'content-type': 'application/json' },
      body: '{"label":"x"}',
    });
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.json()).toMatchObject({ code: 'csrf_token_invalid' });
    const withCsrf = await fetch(`${t.url}/api/tokens`, {
      method: 'POST',
      headers: { cookie: session, 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: '{"label":"x"}',
    });
    expect(withCsrf.status).toBe(201);
    const bad = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'agent.comines', password: 'wrong password' }),
    });
    expect(bad.status).toBe(401);
  });

  it('uploads a decision (201), answers the same content with 200 and different content with 409', async () => {
    const first = await t.as<{
      id: string;
      status: string;
      processInstanceKey: string | null;
      parquetId: string;
      input: { person: { nrn: string } };
    }>('clerk.mons', 'POST', '/api/decisions', jsonUpload(cominesDecision('TAP-MONS-2026-IDEMP')));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: 'received',
      processInstanceKey: null,
      parquetId: 'PAR-MONS-TOURNAI',
    });
    const again = await t.as<{ id: string }>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(cominesDecision('TAP-MONS-2026-IDEMP')),
    );
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const changed = await t.as<{ code: string; detail: string }>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(cominesDecision('TAP-MONS-2026-IDEMP', { decisionDate: '2026-11-19' })),
    );
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('reference_conflict');
    const otherPdf = await t.as(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(cominesDecision('TAP-MONS-2026-IDEMP'), samplePdf('other')),
    );
    expect(otherPdf.status).toBe(409);
  });

  it('accepts multipart uploads', async () => {
    const form = new FormData();
    form.append('decision', JSON.stringify(cominesDecision('TAP-MONS-2026-MULTI')));
    form.append('document', new Blob([samplePdf()], { type: 'application/pdf' }), 'decision.pdf');
    const res = await fetch(`${t.url}/api/decisions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.creds['clerk.mons']!.token}` },
      body: form,
    });
    expect(res.status).toBe(201);
    const doc = await fetch(`${t.url}/api/decisions/${((await res.json()) as { id: string }).id}/document`, {
      headers: { authorization: `Bearer ${t.creds['clerk.mons']!.token}` },
    });
    expect(doc.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await doc.arrayBuffer())).toEqual(samplePdf());
  });

  it('names every invalid field at once, with paths into the body', async () => {
    const res = await t.as<{ code: string; errors: Array<{ field: string; code: string }> }>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(
        cominesDecision('TAP-MONS-2026-BAD', {
          measure: 'holiday',
          person: { ...cominesDecision().person, nrn: '85073003362' },
        }),
        Buffer.from('not a pdf'),
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    const fields = res.body.errors.map((e) => `${e.field}:${e.code}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'decision.measure:invalid_value',
        'decision.person.nrn:nrn_checksum',
        'document:document_not_pdf',
      ]),
    );
  });

  it('refuses a truncated PDF and one above the size limit', async () => {
    const truncated = samplePdf().subarray(0, 40);
    const res = await t.as<{ errors: Array<{ code: string }> }>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(cominesDecision('TAP-X-1'), truncated),
    );
    expect(res.body.errors.map((e) => e.code)).toContain('document_truncated');
    const big = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      Buffer.alloc(10 * 1024 * 1024 + 10, 32),
      Buffer.from('\n%%EOF\n'),
    ]);
    const tooBig = await t.as<{ code: string }>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(cominesDecision('TAP-X-2'), big),
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('document_too_large');
  });

  it('refuses JSON nested too deeply and bodies too large', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    const res = await t.as<{ code: string }>('clerk.mons', 'POST', '/api/tokens', { label: 'x', deep });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('json_too_deep');
    const large = await t.as('clerk.mons', 'POST', '/api/tokens', { label: 'x'.repeat(2 * 1024 * 1024) });
    expect(large.status).toBe(413);
  });

  it('scopes decisions: the parquet sees its own, a police agent none, another parquet gets 403 (audited)', async () => {
    const up = await t.as<{ id: string }>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(cominesDecision('TAP-MONS-2026-SCOPE')),
    );
    expect((await t.as('clerk.mons', 'GET', `/api/decisions/${up.body.id}`)).status).toBe(200);
    const read = (headers?: Record<string, string>) =>
      t.as('coord.hainaut', 'GET', `/api/decisions/${up.body.id}`, undefined, headers);
    // Oversight: the coordinator opens a case outside their own inbox, so says why.
    expect((await read()).status).toBe(400);
    expect((await read({ 'x-justification': 'province follow-up' })).status).toBe(200);
    expect((await t.as('officer.tournai', 'GET', `/api/decisions/${up.body.id}`)).status).toBe(200);
    expect((await t.as('agent.comines', 'GET', '/api/decisions')).status).toBe(403);
    const other = await t.as('clerk.gent', 'GET', `/api/decisions/${up.body.id}`, undefined, {
      'x-justification': 'curious',
    });
    expect(other.status).toBe(403);
    const audit = await t.as<{ items: Array<{ user: string; outcome: string; justification: string }> }>(
      'admin',
      'GET',
      `/api/audit?object=${up.body.id}`,
    );
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ user: 'clerk.gent', outcome: 'denied', justification: 'curious' }),
      ]),
    );
    const verify = await t.as<{ ok: boolean }>('admin', 'GET', '/api/audit/verify');
    expect(verify.body.ok).toBe(true);
    expect((await t.as('clerk.mons', 'GET', '/api/audit')).status).toBe(403);
  });

  it('serves reference data to any authenticated caller', async () => {
    const m = await t.as<Array<{ nis: string; policeZoneId: string }>>(
      'agent.comines',
      'GET',
      '/api/municipalities?q=Comines',
    );
    expect(m.body[0]).toMatchObject({ nis: '57097', policeZoneId: 'PZ-5318' });
    const zones = await t.as<Array<{ id: string }>>(
      'agent.comines',
      'GET',
      '/api/agencies?kind=justice_house&q=tournai',
    );
    expect(zones.body.map((a) => a.id)).toEqual(['MJ-TOURNAI']);
  });

  it('flags a decision in the BNG by hand once (201, then 200), in the iplus register, readable within scope', async () => {
    const up = await t.as<{ id: string }>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(cominesDecision('TAP-MONS-2026-SIGNAL')),
    );
    const first = await t.as<{ id: string; decisionId: string; register: string; status: string }>(
      'clerk.mons',
      'POST',
      '/api/signalements',
      { decisionId: up.body.id },
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ decisionId: up.body.id, register: 'iplus-register' });
    const again = await t.as<{ id: string }>('clerk.mons', 'POST', '/api/signalements', {
      decisionId: up.body.id,
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const read = await t.as<{ id: string; register: string }>(
      'clerk.mons',
      'GET',
      `/api/signalements/${first.body.id}`,
    );
    expect(read.body).toMatchObject({ id: first.body.id, register: 'iplus-register' });
    expect((await t.as('clerk.gent', 'GET', `/api/signalements/${first.body.id}`)).status).toBe(403);
    expect((await t.as('clerk.gent', 'POST', '/api/signalements', { decisionId: up.body.id })).status).toBe(
      403,
    );
    const unknown = await t.as<{ code: string }>('clerk.mons', 'GET', '/api/signalements/S-999999');
    expect(unknown.status).toBe(404);
    const bad = await t.as<{ errors: Array<{ field: string }> }>('clerk.mons', 'POST', '/api/signalements', {
      decisionId: 'nope',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field)).toEqual(['decisionId']);
  });

  it('wrote the demo credentials as [{ user, password, role, agencyId, token }], every role, each able to log in', async () => {
    const file = JSON.parse(fs.readFileSync(path.join(t.dataDir, 'demo-credentials.json'), 'utf8')) as Array<
      Record<string, string>
    >;
    for (const c of file) {
      expect(Object.keys(c).sort()).toEqual(['agencyId', 'password', 'role', 'token', 'user']);
      for (const v of Object.values(c)) expect(typeof v === 'string' && v.length > 0).toBe(true);
    }
    expect(new Set(file.map((c) => c.role))).toEqual(
      new Set([
        'parquet_clerk',
        'police_agent',
        'justice_assistant',
        'monitoring_operator',
        'prison_officer',
        'coordinator',
        'analyst',
        'admin',
        'auditor',
      ]),
    );
    expect(file.find((c) => c.user === 'coord.hainaut')).toMatchObject({ agencyId: 'COORD-BE-WHT' });
    expect(file.find((c) => c.user === 'agent.comines')).toMatchObject({ agencyId: 'PZ-5318' });
    for (const c of file) {
      const who = await fetch(`${t.url}/api/whoami`, { headers: { authorization: `Bearer ${c.token}` } });
      expect(await who.json()).toMatchObject({ user: c.user, role: c.role, agencyId: c.agencyId });
    }
    const login = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: file[0]!.user, password: file[0]!.password }),
    });
    expect(login.status).toBe(200);
  });
});
