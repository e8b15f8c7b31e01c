import { cominesDecision, jsonUpload } from '../__fixtures__/sample-decision';
import { startTestPlatform, type TestPlatform } from '../__fixtures__/test-platform';

type OpenApi = { paths: Record<string, Record<string, unknown>> };

/**
 * What an auditor may call with success: the audit log, the access reports, its own session and
 * tokens (and the unauthenticated service endpoints). Every other endpoint of the OpenAPI document,
 * reference and routing data included, must refuse it.
 */
const ALLOWED = new Set(['GET /api/audit', 'GET /api/audit/verify', 'POST /api/admin/access-reports']);
const OWN =
  /^(GET \/api\/whoami|(GET|POST) \/api\/tokens|DELETE \/api\/tokens\/\{id\}|POST \/api\/auth\/(login|logout))$|^GET \/(health|ready|api\/openapi\.json)$/;

describe('the auditor role reads the audit log and the access reports, nothing else', () => {
  jest.setTimeout(60_000);
  let t: TestPlatform;
  let decisionId: string;
  beforeAll(async () => {
    t = await startTestPlatform();
    const up = await t.as<{ id: string }>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(cominesDecision('TAP-MONS-2026-AUDITOR')),
    );
    expect(up.status).toBe(201);
    decisionId = up.body.id;
  });
  afterAll(() => t?.close());

  it('every endpoint outside its own is refused, its own answer', async () => {
    const doc = (await (await fetch(`${t.url}/api/openapi.json`)).json()) as OpenApi;
    const answered: string[] = [];
    let checked = 0;
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        const m = method.toUpperCase();
        if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(m)) continue;
        const route = `${m} ${p}`;
        const url = p
          .replace('{id}', decisionId)
          .replace(/\{province\}/g, 'BE-WHT')
          .replace(/\{[^}]+\}/g, 'x1');
        const body =
          route === 'POST /api/admin/access-reports'
            ? { nrn: '85073003328', justification: 'COC inspection 2026-12' }
            : m === 'GET' || m === 'DELETE'
              ? undefined
              : {};
        const res = await t.as('auditor', m, url, body);
        checked++;
        if (res.status < 400) answered.push(route);
        if (ALLOWED.has(route)) expect([route, res.status]).toEqual([route, 200]);
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(answered.filter((r) => !ALLOWED.has(r) && !OWN.test(r))).toEqual([]);
  });

  it('sees no personal data in a decision nor in the audit list, but does in the access report', async () => {
    expect((await t.as('auditor', 'GET', `/api/decisions/${decisionId}`)).status).toBe(403);
    const audit = await t.as<{ items: Array<{ object: string }> }>('auditor', 'GET', '/api/audit?limit=500');
    expect(JSON.stringify(audit.body)).not.toContain('85073003328');
    const report = await t.as<{ held: Array<{ person: { lastName: string } }> }>(
      'auditor',
      'POST',
      '/api/admin/access-reports',
      { nrn: '85.07.30-033.28', justification: 'COC inspection 2026-12' },
    );
    expect(report.status).toBe(200);
    expect(report.body.held[0]!.person.lastName).toBe('Dupont');
    expect(
      (
        await t.as('auditor', 'POST', '/api/admin/erasures', {
          decisionId,
          justification: 'auditors may not erase',
        })
      ).status,
    ).toBe(403);
  });
});
