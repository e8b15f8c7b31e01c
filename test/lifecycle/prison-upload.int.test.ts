import { ManualClock } from '../../engine/src/clock/manual-clock';
import { startTestEngine, type TestEngine } from '../../engine/src/test-support/engine-harness';
import { TEST_CLIENT } from '../../engine/src/test-support/test-credentials';
import { eventually } from '../../platform/src/__fixtures__/engine-process';
import { cominesDecision, jsonUpload } from '../../platform/src/__fixtures__/sample-decision';
import { startTestPlatform, type TestPlatform } from '../../platform/src/__fixtures__/test-platform';

interface Decision {
  id: string;
  status: string;
  parquetId: string;
  province: string;
  input: { prisonId?: string; authority: string; measure: string };
  signalement: { id: string; status: string } | null;
  mandates: Array<{ kind: string; recipientId: string; status: string }>;
  timeline: Array<{ event: string; agencyId?: string }>;
}
interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; code: string }>;
}
interface AuditEntry {
  user: string;
  action: string;
  outcome: string;
}

// Issue 15: a prison uploads the leave its director grants, through the real API and the real engine
// (gRPC); the same routing as any decision gives the signalement and the mandates. A prison leave is
// the only measure a prison may issue; an officer of another prison may not upload for this one.
describe("a prison's upload of a prison leave", () => {
  jest.setTimeout(120_000);
  let engine: TestEngine;
  let t: TestPlatform;
  let gentOfficer: string;

  beforeAll(async () => {
    engine = await startTestEngine({ clock: new ManualClock(Date.UTC(2026, 11, 1, 9, 0, 0)) });
    t = await startTestPlatform({
      zeebeAddress: engine.address,
      engineConnection: {
        credentials: { kind: 'basic', username: TEST_CLIENT.clientId, password: TEST_CLIENT.clientSecret },
      },
      clock: { now: () => new Date(engine.clock.now()) },
    });
    await eventually(
      async () => {
        const h = (await (await fetch(`${t.url}/health`)).json()) as {
          parts: { routing: { status: string }; models: { status: string }; workers: { status: string } };
        };
        return h.parts.routing.status === 'up' &&
          h.parts.models.status === 'up' &&
          h.parts.workers.status === 'up'
          ? true
          : undefined;
      },
      60_000,
      'platform ready',
    );
    gentOfficer = await prisonOfficerOf('PRISON-GENT');
  });
  afterAll(async () => {
    await t?.close();
    await engine?.close();
  });

  /** Creates an officer of another prison (as admin, through the API) and gives it a token. */
  async function prisonOfficerOf(prisonId: string): Promise<string> {
    const name = 'officer.gent';
    const password = 'a-long-enough-password';
    const made = await t.as('admin', 'POST', '/api/users', {
      name,
      password,
      role: 'prison_officer',
      agencyId: prisonId,
      language: 'nl',
    });
    expect(made.status).toBe(201);
    const login = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: name, password }),
    });
    const me = (await login.json()) as { csrfToken: string };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const token = await fetch(`${t.url}/api/tokens`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ label: 'test' }),
    });
    t.creds[name] = {
      ...t.creds['officer.tournai'],
      user: name,
      token: ((await token.json()) as { token: string }).token,
    };
    return name;
  }

  const leave = (reference: string, overrides: Record<string, unknown> = {}) =>
    jsonUpload(
      cominesDecision(reference, {
        authority: 'prison_director',
        court: 'Directeur de la prison de Tournai',
        measure: 'prison_leave',
        measureStart: '2026-12-03',
        measureEnd: '2026-12-05',
        ...overrides,
      }),
    );
  const why = { 'x-justification': 'test of the prison upload' };
  const audited = async (user: string) =>
    (await t.as<{ items: AuditEntry[] }>('admin', 'GET', `/api/audit?user=${user}&limit=50`, undefined, why))
      .body.items;

  it("is the prison's decision, routed like any other: signalement and mandates", async () => {
    const up = await t.as<Decision>(
      'officer.tournai',
      'POST',
      '/api/decisions',
      leave('PRISON-TOURNAI-2026-L1', { prisonId: undefined }),
    );
    expect(up.status).toBe(201);
    expect(up.body.input).toMatchObject({
      prisonId: 'PRISON-TOURNAI',
      authority: 'prison_director',
      measure: 'prison_leave',
    });
    // the person's domicile (Comines-Warneton) decides the parquet and the province
    expect(up.body).toMatchObject({ parquetId: 'PAR-MONS-TOURNAI', province: 'BE-WHT' });
    const id = up.body.id;

    const routed = await eventually(
      async () => {
        const d = (await t.as<Decision>('officer.tournai', 'GET', `/api/decisions/${id}`)).body;
        return d.signalement && d.mandates.length >= 2 ? d : undefined;
      },
      30_000,
      'prison leave routed',
    );
    expect(routed.mandates.map((m) => `${m.kind}:${m.recipientId}`).sort()).toEqual([
      'guidance:MJ-TOURNAI',
      'police_check:PZ-5318',
    ]);
    expect(routed.timeline.find((e) => e.event === 'uploaded')).toMatchObject({ agencyId: 'PRISON-TOURNAI' });

    // the parquet of the domicile sees it; a parquet elsewhere and another prison do not
    expect((await t.as('clerk.mons', 'GET', `/api/decisions/${id}`)).status).toBe(200);
    expect((await t.as('clerk.gent', 'GET', `/api/decisions/${id}`)).status).toBe(403);
    expect((await t.as(gentOfficer, 'GET', `/api/decisions/${id}`)).status).toBe(403);
    const listed = (await t.as<{ items: Decision[] }>(gentOfficer, 'GET', '/api/decisions')).body.items;
    expect(listed.map((d) => d.id)).not.toContain(id);

    // the same upload again is the same decision
    const again = await t.as<Decision>(
      'officer.tournai',
      'POST',
      '/api/decisions',
      leave('PRISON-TOURNAI-2026-L1', { prisonId: undefined }),
    );
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(id);
  });

  it('refuses an officer uploading for another prison, and a measure a prison may not issue', async () => {
    const before = (
      await t.as<{ items: Decision[] }>('admin', 'GET', '/api/decisions?limit=100', undefined, why)
    ).body.items.length;

    const other = await t.as<Problem>(gentOfficer, 'POST', '/api/decisions', leave('PRISON-GENT-2026-L2'));
    expect(other.status).toBe(403);
    expect(other.body.detail).toMatch(
      /PRISON-GENT uploads only decisions of PRISON-GENT, not of PRISON-TOURNAI/,
    );
    expect(other.body.errors).toEqual([
      expect.objectContaining({ field: 'decision.prisonId', code: 'not_your_prison' }),
    ]);

    const release = await t.as<Problem>(
      'officer.tournai',
      'POST',
      '/api/decisions',
      leave('PRISON-TOURNAI-2026-L3', { measure: 'conditional_release' }),
    );
    expect(release.status).toBe(403);
    expect(release.body.errors).toEqual([
      expect.objectContaining({ field: 'decision.measure', code: 'measure_not_issued_by_prisons' }),
    ]);

    const court = await t.as<Problem>(
      'officer.tournai',
      'POST',
      '/api/decisions',
      leave('PRISON-TOURNAI-2026-L4', { authority: 'sentence_enforcement_court' }),
    );
    expect(court.status).toBe(400);
    expect(court.body.errors).toEqual([
      expect.objectContaining({ field: 'decision.authority', code: 'authority_not_for_prison_leave' }),
    ]);

    // a reference another prison's decision holds answers 409 without a word of it
    const taken = await t.as<Problem>(
      gentOfficer,
      'POST',
      '/api/decisions',
      leave('PRISON-TOURNAI-2026-L1', { prisonId: 'PRISON-GENT' }),
    );
    expect(taken.status).toBe(409);
    expect(JSON.stringify(taken.body)).not.toMatch(/D-\d/);

    // nothing was stored, and every refusal is in the audit log
    const after = (
      await t.as<{ items: Decision[] }>('admin', 'GET', '/api/decisions?limit=100', undefined, why)
    ).body.items.length;
    expect(after).toBe(before);
    const denied = (await audited(gentOfficer)).filter(
      (e) => e.action === 'decision.create' && e.outcome === 'denied',
    );
    expect(denied.length).toBe(2);
    const tournaiDenied = (await audited('officer.tournai')).filter(
      (e) => e.action === 'decision.create' && e.outcome === 'denied',
    );
    expect(tournaiDenied.length).toBe(2);
  });

  it('names the prison before validation, so a leave can wait for the person to go out', async () => {
    const up = await t.as<Decision>(
      'officer.tournai',
      'POST',
      '/api/decisions',
      leave('PRISON-TOURNAI-2026-L5', {
        prisonId: undefined,
        measureStart: undefined,
        awaitingRelease: true,
      }),
    );
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ status: 'awaiting_release', input: { prisonId: 'PRISON-TOURNAI' } });
    const released = await t.as('officer.tournai', 'POST', `/api/decisions/${up.body.id}/release`, {
      releasedAt: new Date(engine.clock.now()).toISOString(),
    });
    expect(released.status).toBeLessThan(300);
    const routed = await eventually(
      async () => {
        const d = (await t.as<Decision>('officer.tournai', 'GET', `/api/decisions/${up.body.id}`)).body;
        return d.signalement && d.mandates.length >= 2 ? d : undefined;
      },
      30_000,
      'leave routed after the release',
    );
    expect(routed.timeline.map((e) => e.event)).toContain('released');
  });
});
