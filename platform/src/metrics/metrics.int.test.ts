import { ManualClock } from '../clock';
import type { Logger } from '../logger';
import { startEngineProcess, eventually, type EngineProcess } from '../__fixtures__/engine-process';
import { parsePrometheusText, valueOf, type Sample } from '../__fixtures__/prometheus-text';
import { cominesDecision, jsonUpload } from '../__fixtures__/sample-decision';
import { startTestPlatform, type TestPlatform } from '../__fixtures__/test-platform';

const TOKEN = 'metrics-token-for-the-test';
const DECISION = cominesDecision('TAP-MONS-2026-METRICS');

// Issue 13: a real Prometheus-style scrape over HTTP of a platform working with the real engine.
describe('/metrics and request ids with the real engine', () => {
  jest.setTimeout(120_000);
  let engine: EngineProcess;
  let t: TestPlatform;
  const clock = new ManualClock(new Date());
  const lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push({ level, message, fields });
  const logger: Logger = { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };

  const scrape = async (token = TOKEN) =>
    fetch(`${t.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const samples = async (): Promise<{ text: string; samples: Sample[] }> => {
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    return { text, samples: parsePrometheusText(text) };
  };

  beforeAll(async () => {
    engine = await startEngineProcess();
    t = await startTestPlatform({
      zeebeAddress: engine.address,
      engineConnection: engine.connection,
      metricsToken: TOKEN,
      trustProxy: '127.0.0.1',
      clock,
      logger,
    });
    // Models and routing tables deployed before the upload: the manual clock never moves the
    // outbox's back-off on its own.
    await eventually(
      async () => ((await fetch(`${t.url}/ready`)).status === 200 ? true : undefined),
      60_000,
      'ready',
    );
  });
  afterAll(async () => {
    await t?.close();
    await engine?.stop();
  });

  it('refuses a scrape without the metrics token, or with a person’s API token', async () => {
    const none = await scrape('');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await none.json()) as { code: string }).code).toBe('metrics_token_invalid');
    expect((await scrape('wrong')).status).toBe(401);
    expect((await scrape(t.creds.admin!.token)).status).toBe(401);
  });

  it('follows an upload with one request id, and counts it by route, job type, province and outbox', async () => {
    const upload = await t.as<{ id: string }>('clerk.mons', 'POST', '/api/decisions', jsonUpload(DECISION), {
      'x-request-id': 'proxy-trace-0001',
    });
    expect(upload.status).toBe(201);
    expect(upload.headers.get('x-request-id')).toBe('proxy-trace-0001');
    const decisionId = upload.body.id;

    // The workers of that decision log under the request id of its upload.
    const handled = await eventually(
      async () => {
        const jobs = lines.filter((l) => l.message === 'job handled' && l.fields?.decisionId === decisionId);
        return jobs.some((l) => l.fields?.type === 'iplus:issue-mandate') ? jobs : undefined;
      },
      60_000,
      'the decision’s jobs',
    );
    for (const j of handled)
      expect(j.fields).toMatchObject({ requestId: 'proxy-trace-0001', outcome: 'completed' });
    expect(
      lines.some((l) => l.message === 'http request' && l.fields?.requestId === 'proxy-trace-0001'),
    ).toBe(true);

    await t.as('clerk.mons', 'GET', `/api/decisions/${decisionId}`, undefined, {
      'x-justification': 'metrics test',
    });
    // The audit metrics read the chain's last check (at start, on its schedule, on request): run one now.
    expect((await t.as('admin', 'GET', '/api/audit/verify')).status).toBe(200);
    const before = await samples();
    const count = (route: string, method: string, statusClass: string) =>
      valueOf(before.samples, 'iplus_http_request_duration_seconds_count', {
        route,
        method,
        status_class: statusClass,
      }) ?? 0;
    expect(count('/api/decisions', 'POST', '2xx')).toBe(1);
    expect(count('/api/decisions/:id', 'GET', '2xx')).toBeGreaterThanOrEqual(1);
    expect(count('/ready', 'GET', '2xx')).toBeGreaterThanOrEqual(1);
    for (const type of ['iplus:create-signalement', 'iplus:issue-mandate'])
      expect(
        valueOf(before.samples, 'iplus_job_duration_seconds_count', { type, outcome: 'completed' }),
      ).toBeGreaterThan(0);
    expect(valueOf(before.samples, 'iplus_outbox_pending')).toBeGreaterThanOrEqual(0);
    expect(valueOf(before.samples, 'iplus_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(valueOf(before.samples, 'iplus_audit_chain_intact')).toBe(1);
    expect(valueOf(before.samples, 'iplus_audit_chain_entries')).toBeGreaterThan(0);
    expect(before.samples.some((s) => s.name === 'iplus_mandates_overdue')).toBe(false);
    expect(valueOf(before.samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    // Past the 24 h deadline, the mandates still issued count as overdue in their province.
    clock.advance(25 * 60 * 60 * 1000);
    const after = await samples();
    expect(valueOf(after.samples, 'iplus_mandates_overdue', { province: 'BE-WHT' })).toBeGreaterThanOrEqual(
      1,
    );

    // No label carries an id, a name or a national register number; no raw URL.
    for (const text of [before.text, after.text]) {
      for (const secret of [
        decisionId,
        DECISION.person.nrn,
        DECISION.person.lastName,
        'TAP-MONS-2026-METRICS',
      ])
        expect(text).not.toContain(secret);
    }
  });

  it('ignores an X-Request-Id from a client that is not a trusted proxy, and rejects malformed ids', async () => {
    const bad = await fetch(`${t.url}/health`, { headers: { 'x-request-id': 'a b"c\n'.trim() } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const untrusted = await startTestPlatform({ metricsToken: '' });
    try {
      const res = await fetch(`${untrusted.url}/health`, {
        headers: { 'x-request-id': 'made-up-by-client' },
      });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const off = await fetch(`${untrusted.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(off.status).toBe(404);
      expect(((await off.json()) as { code: string }).code).toBe('metrics_off');
    } finally {
      await untrusted.close();
    }
  });
});
