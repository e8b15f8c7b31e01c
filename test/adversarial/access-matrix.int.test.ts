import { eventually } from '../../platform/src/__fixtures__/engine-process';
import { cominesDecision, gentDecision, jsonUpload } from '../../platform/src/__fixtures__/sample-decision';
import {
  ENDPOINTS,
  ROLES,
  ROLE_USERS,
  expected,
  isScoped,
  mandateOf,
  reportFor,
  type Endpoint,
  type MatrixRole,
  type Scope,
  type Side,
  type World,
} from './access-matrix';
import { startAdversarialPlatform, type AdversarialPlatform } from './support/adversarial-platform';

interface AuditRow {
  seq: number;
  user_name: string;
  agency_id: string;
  action: string;
  object: string;
  justification: string;
  outcome: string;
}

const EM = { measure: 'electronic_monitoring', electronicMonitoring: true };

// Issue 8, "Intruders": every role against every endpoint, for its own agency's objects and for a
// foreign agency's, through the real API with the real engine; personal-data reads audited.
describe('access matrix', () => {
  jest.setTimeout(180_000);
  let a: AdversarialPlatform;
  let world: World;
  let counter = 0;

  /** Uploads a decision with electronic monitoring and waits for its signalement and three mandates. */
  async function routedSide(user: string, decision: object, province: string): Promise<Side> {
    const up = await a.send(user, { method: 'POST', path: '/api/decisions', body: jsonUpload(decision) });
    if (up.status !== 201) throw new Error(`upload failed: ${up.text}`);
    const id = (up.json as { id: string }).id;
    const d = await eventually(
      async () => {
        const r = await a.t.as<{
          signalement: { id: string } | null;
          mandates: Array<{ id: string; kind: 'police_check' | 'guidance' | 'monitoring' }>;
        }>('admin', 'GET', `/api/decisions/${id}`, undefined, { 'x-justification': 'access matrix set-up' });
        return r.body.signalement && r.body.mandates.length === 3 ? r.body : undefined;
      },
      30_000,
      `decision ${id} routed with three mandates`,
    );
    const mandates = Object.fromEntries(d.mandates.map((m) => [m.kind, m.id])) as Side['mandates'];
    // A breach report makes the notification the matrix handles.
    const report = await a.send('admin', {
      method: 'POST',
      path: `/api/mandates/${mandates.police_check}/report`,
      body: reportFor(mandates.police_check),
    });
    if (report.status !== 200) throw new Error(`report failed: ${report.text}`);
    const notificationId = await eventually(
      async () =>
        (
          await a.t.as<{ items: Array<{ id: string; decisionId: string; kind: string }> }>(
            'admin',
            'GET',
            '/api/notifications?kind=breach',
          )
        ).body.items.find((n) => n.decisionId === id)?.id,
      30_000,
      `breach notification of ${id}`,
    );
    const table = await a.t.as<{ xml: string; tests: unknown[] }>(
      'admin',
      'GET',
      `/api/routing/tables/${province}`,
    );
    return {
      decisionId: id,
      signalementId: d.signalement!.id,
      mandates,
      notificationId,
      province,
      tableXml: table.body.xml,
      tests: table.body.tests,
    };
  }

  beforeAll(async () => {
    // The callbacks cell registers a loopback URL (nothing listens on port 9): allowed here, the
    // address check itself is data-holes/callback-addresses.int.test.ts's.
    a = await startAdversarialPlatform({ callbackAllow: ['127.0.0.1'] });
    const live = await a.send('admin', {
      method: 'PUT',
      path: '/api/routing/rollout',
      body: { province: 'BE-VOV', live: true },
    });
    if (live.status !== 200) throw new Error(`rollout failed: ${live.text}`);
    const own = await routedSide('clerk.mons', cominesDecision('MATRIX-OWN-1', EM), 'BE-WHT');
    const foreign = await routedSide('clerk.gent', { ...gentDecision('MATRIX-FOREIGN-1'), ...EM }, 'BE-VOV');
    world = {
      own,
      foreign,
      processId: 'conditional-release',
      passwordOf: (user) => a.t.creds[user]!.password,
      unique: () => `${process.pid}-${++counter}`,
      async freshUser() {
        const name = `matrix.user-${process.pid}-${++counter}`;
        const r = await a.send('admin', {
          method: 'POST',
          path: '/api/users',
          body: { name, password: 'a-long-enough-password', role: 'analyst', agencyId: 'IPLUS' },
        });
        if (r.status !== 201) throw new Error(`user creation failed: ${r.text}`);
        return name;
      },
      async freshTokenOf(user) {
        const r = await a.t.as<{ info: { id: string } }>(user, 'POST', '/api/tokens', { label: 'to revoke' });
        return r.body.info.id;
      },
    };
  });
  afterAll(async () => {
    await a?.close();
  });

  /** Runs one cell; returns what went wrong, or nothing. */
  async function cell(e: Endpoint, role: MatrixRole, scope: Scope): Promise<string[]> {
    const side = scope === 'own' ? world.own : world.foreign;
    const request = await e.request(world, side, role);
    const justification = `matrix ${role} ${scope} ${world.unique()}`;
    const lastSeq = a.query<{ s: number | null }>('SELECT max(seq) AS s FROM audit_log')[0]!.s ?? 0;
    const res = await a.send(ROLE_USERS[role], {
      ...request,
      headers: { ...request.headers, 'x-justification': justification },
    });
    const want = expected(e, role, scope);
    const where = `${role} ${scope}: ${e.method} ${request.path}`;
    const wrong: string[] = [];
    if (res.status !== want)
      wrong.push(`${where} answered ${res.status}, expected ${want}: ${res.text.slice(0, 200)}`);
    if (res.status >= 400 && !/^application\/problem\+json/.test(res.headers.get('content-type') ?? ''))
      wrong.push(`${where}: a ${res.status} that is not a problem document`);
    if (e.personalRead && role !== 'anonymous') {
      const user = ROLE_USERS[role];
      const rows = await eventually(
        async () => {
          const r = a.query<AuditRow>(
            'SELECT * FROM audit_log WHERE seq > ? AND user_name = ? AND justification = ?',
            lastSeq,
            user,
            justification,
          );
          return r.length > 0 ? r : undefined;
        },
        2000,
        `audit entry of ${where}`,
      ).catch(() => [] as AuditRow[]);
      const outcome = res.status < 300 ? 'ok' : 'denied';
      const agencyId = a.t.creds[user]!.agencyId;
      const object = e.auditObject?.(side, role);
      if (rows.length === 0)
        wrong.push(`${where}: no audit entry for this personal-data read (${res.status})`);
      else if (
        !rows.some(
          (r) =>
            r.agency_id === agencyId &&
            r.outcome === outcome &&
            r.action &&
            (!object || [object].flat().some((o) => r.object.includes(o))),
        )
      )
        wrong.push(
          `${where}: audit entry does not say ${agencyId}/${outcome}/${object ?? '-'}: ${JSON.stringify(rows)}`,
        );
    }
    return wrong;
  }

  it.each(ENDPOINTS.map((e): [string, Endpoint] => [`${e.method} ${e.path}`, e]))(
    '%s: every role, own and foreign objects',
    async (_name, e) => {
      const wrong: string[] = [];
      for (const role of ROLES)
        for (const scope of isScoped(e) ? (['own', 'foreign'] as const) : (['own'] as const))
          wrong.push(...(await cell(e, role, scope)));
      expect(wrong).toEqual([]);
    },
  );

  it('lists every endpoint of /api/openapi.json', async () => {
    const doc = (await a.send('anonymous', { method: 'GET', path: '/api/openapi.json' })).json as {
      paths: Record<string, Record<string, unknown>>;
    };
    const listed = new Set(ENDPOINTS.map((e) => `${e.method} ${e.path}`));
    const inDocument = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(inDocument.length).toBeGreaterThan(30);
    expect(inDocument.filter((op) => !listed.has(op))).toEqual([]);
  });

  it('keeps the audit chain intact through the whole matrix', async () => {
    const verify = await a.send('admin', { method: 'GET', path: '/api/audit/verify' });
    expect(verify.json).toMatchObject({ ok: true });
    // the mandates of both sides are where the matrix left them: reported once, by their recipient or admin
    for (const side of [world.own, world.foreign]) {
      const m = await a.t.as<{ report: { outcome: string } | null }>(
        'admin',
        'GET',
        `/api/mandates/${mandateOf(side, 'police_agent')}`,
        undefined,
        { 'x-justification': 'access matrix: where the matrix left the mandates' },
      );
      expect(m.body.report?.outcome).toBe('address_not_verified');
    }
  });
});
