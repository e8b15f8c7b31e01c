import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import type { Clock } from '../clock';
import { startEngineProcess, eventually, type EngineProcess } from '../__fixtures__/engine-process';
import { cominesDecision, gentDecision, jsonUpload, samplePdf } from '../__fixtures__/sample-decision';
import { startTestPlatform, type TestPlatform } from '../__fixtures__/test-platform';
import { testDatabase, testPostgres } from '../__fixtures__/test-store';

interface Decision {
  id: string;
  status: string;
  processInstanceKey: string | null;
  mandates: Array<{ id: string; kind: string; recipientId: string; status: string }>;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The service's clock, moved by the test: real time plus an offset the test advances (the outbox
 * and the workers keep their real-time retries; the retention's periods pass at once).
 */
class MovedClock implements Clock {
  private offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}
// The person whose case ends (Comines-Warneton) and one whose case still runs (Gent: old channel).
const ENDED = {
  nrn: '85073003328',
  formatted: '85.07.30-033.28',
  lastName: 'Dupont',
  firstNames: 'Jean Marie',
};
const RECIPIENT_USER: Record<string, string> = {
  police_check: 'agent.comines',
  guidance: 'assistant.tournai',
};

// Issue 16, "Done when": a case ends, its retention passes on a controlled clock, the purge runs;
// afterwards no table, document, engine variable or queued message holds the person's number or
// name, the audit chain verifies, and the access report shows the pseudonymised history.
describe('retention: a case ends, its period passes, the purge erases it everywhere', () => {
  jest.setTimeout(120_000);
  const clock = new MovedClock();
  let engine: EngineProcess;
  let t: TestPlatform;
  let databaseUrl: string | undefined;
  let runningCaseId: string;

  beforeAll(async () => {
    engine = await startEngineProcess();
    databaseUrl = testDatabase === 'postgres' ? await (await testPostgres()).createDatabase() : undefined;
    t = await startTestPlatform({
      zeebeAddress: engine.address,
      engineConnection: engine.connection,
      camundaRestAddress: engine.restAddress,
      databaseUrl,
      clock,
      callbackAllow: ['127.0.0.1'],
      retentionPurgeInterval: 'P365D',
    });
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

  /** A fresh admin session (demo tokens expire after 30 days; the clock moves two years). */
  async function admin(): Promise<Record<string, string>> {
    const res = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'admin', password: t.creds.admin!.password }),
    });
    expect(res.status).toBe(200);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken };
  }
  async function asAdmin<T>(
    method: string,
    p: string,
    body?: unknown,
    justification = 'retention test: check what is left',
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(t.url + p, {
      method,
      headers: {
        ...(await admin()),
        'content-type': 'application/json',
        'x-justification': justification,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Every file of both data folders that contains one of the needles. */
  function filesHolding(needles: string[]): string[] {
    const hits: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const f = path.join(dir, e.name);
        if (e.isDirectory()) walk(f);
        else {
          const bytes = fs.readFileSync(f);
          for (const n of needles) if (bytes.includes(n)) hits.push(`${f}: ${n}`);
        }
      }
    };
    walk(t.dataDir);
    walk(engine.dataDir);
    return hits;
  }

  /** On PostgreSQL, every row of every table that contains one of the needles. */
  async function rowsHolding(needles: string[]): Promise<string[]> {
    if (!databaseUrl) return [];
    const pg = new Client({ connectionString: databaseUrl });
    await pg.connect();
    try {
      const tables = await pg.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
      );
      const hits: string[] = [];
      for (const { tablename } of tables.rows) {
        const rows = await pg.query(`SELECT * FROM "${tablename}"`);
        for (const row of rows.rows) {
          const text = JSON.stringify(row, (_k, v: unknown) =>
            Buffer.isBuffer(v) ? v.toString('latin1') : v,
          );
          for (const n of needles) if (text.includes(n)) hits.push(`${tablename}: ${n}`);
        }
      }
      return hits;
    } finally {
      await pg.end();
    }
  }

  it('erases the ended case, keeps the running one, and the trail stays verifiable', async () => {
    const pdf = samplePdf(`Decision TAP Mons - ${ENDED.lastName} ${ENDED.firstNames} ${ENDED.nrn}`);
    const up = await t.as<Decision>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(cominesDecision('TAP-MONS-2026-RETENTION'), pdf),
    );
    expect(up.status).toBe(201);
    const gent = gentDecision('SURB-GENT-2026-RETENTION');
    const running = await t.as<Decision>(
      'clerk.gent',
      'POST',
      '/api/decisions',
      // still detained, its release awaited: a running case (a case handed to the old channel would
      // end at the handover and expire with the other)
      jsonUpload({
        ...gent,
        awaitingRelease: true,
        person: { ...gent.person, nrn: '90020199803', birthDate: '1990-02-01' },
      }),
    );
    expect(running.status).toBe(201);
    runningCaseId = running.body.id;
    const d = await eventually(
      async () => {
        const r = await t.as<Decision>('clerk.mons', 'GET', `/api/decisions/${up.body.id}`);
        return r.body.mandates.length === 2 && r.body.processInstanceKey ? r.body : undefined;
      },
      20_000,
      'mandates',
    );
    // a callback that cannot be delivered stays queued in the outbox
    const cb = await t.as(
      'agent.comines',
      'POST',
      `/api/mandates/${d.mandates.find((m) => m.kind === 'police_check')!.id}/callbacks`,
      {
        url: 'http://127.0.0.1:9/hook',
      },
    );
    expect(cb.status).toBe(201);
    // the case ends: every mandate acknowledged and reported (a report names the person)
    for (const m of d.mandates) {
      const user = RECIPIENT_USER[m.kind]!;
      await eventually(
        async () =>
          (await t.as(user, 'POST', `/api/mandates/${m.id}/acknowledge`, {})).status === 200
            ? true
            : undefined,
        15_000,
        `acknowledgement of ${m.id}`,
      );
      const outcome = m.kind === 'guidance' ? 'guidance_started' : 'address_verified';
      const report = await t.as(user, 'POST', `/api/mandates/${m.id}/report`, {
        outcome,
        text: `${ENDED.firstNames} ${ENDED.lastName} met at home`,
      });
      expect(report.status).toBe(200);
    }
    expect((await t.as<Decision>('clerk.mons', 'GET', `/api/decisions/${d.id}`)).body.status).toBe('closed');
    // oversight reads whose free-text justification names the person, by name and by number: the
    // audit log keeps them, with the person's names and number replaced by the keyed pseudonym
    const police = d.mandates.find((m) => m.kind === 'police_check')!.id;
    const namingReads = [
      [
        `/api/decisions/${d.id}`,
        `complaint of ${ENDED.firstNames} ${ENDED.lastName.toUpperCase()} (${ENDED.formatted})`,
      ],
      [`/api/mandates/${police}`, `${ENDED.lastName}, ${ENDED.firstNames}: address check questioned`],
    ] as const;
    for (const [p, why] of namingReads) expect((await asAdmin('GET', p, undefined, why)).status).toBe(200);
    // reported is not ended: the measure has no end date, so supervision goes on until the parquet ends
    // it (issue 15); the clerk revokes the measure, which ends the case and its process instance
    const revoked = await t.as<Decision>('clerk.mons', 'POST', `/api/decisions/${d.id}/revocation`, {
      reason: 'measure revoked by the court',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    // the engine finishes the case's process instance
    await eventually(
      async () => {
        const r = await fetch(`${engine.restAddress}/v2/process-instances/${d.processInstanceKey}`, {
          headers: { authorization: engine.authorization },
        });
        return ((await r.json()) as { state: string }).state === 'COMPLETED' ? true : undefined;
      },
      20_000,
      'process instance completed',
    );
    // the person is everywhere before the purge (the search can find them)
    expect(filesHolding([ENDED.nrn]).length + (await rowsHolding([ENDED.nrn])).length).toBeGreaterThan(0);

    // one day short of the retention period: nothing is erased
    clock.advance(729 * DAY);
    const early = await asAdmin<{ casesErased: number }>('POST', '/api/admin/purge', {});
    expect(early.status).toBe(200);
    expect(early.body.casesErased).toBe(0);
    expect((await asAdmin<Decision>('GET', `/api/decisions/${d.id}`)).status).toBe(200);

    clock.advance(2 * DAY);
    const purge = await asAdmin<{ casesErased: number; casesFailed: number }>('POST', '/api/admin/purge', {});
    expect(purge.body).toMatchObject({ casesErased: 1, casesFailed: 0 });

    const needles = [ENDED.nrn, ENDED.formatted, ENDED.lastName, ENDED.firstNames];
    expect(filesHolding(needles)).toEqual([]);
    expect(await rowsHolding(needles)).toEqual([]);
    expect((await asAdmin('GET', `/api/decisions/${d.id}`)).status).toBe(404);
    // the engine no longer knows the instance (nor its variables)
    const gone = await fetch(`${engine.restAddress}/v2/process-instances/${d.processInstanceKey}`, {
      headers: { authorization: engine.authorization },
    });
    expect(gone.status).toBe(404);
    // the running case is untouched
    expect((await asAdmin<Decision>('GET', `/api/decisions/${running.body.id}`)).body.id).toBe(
      running.body.id,
    );

    const verify = await asAdmin<{ ok: boolean }>('GET', '/api/audit/verify');
    expect(verify.body.ok).toBe(true);
    // the justifications that named the person now name their pseudonym (the whole data folder and,
    // on PostgreSQL, every row were searched for the names above: the audit log too)
    const entries = async (object: string) =>
      (
        await asAdmin<{ items: Array<{ action: string; justification: string }> }>(
          'GET',
          `/api/audit?object=${encodeURIComponent(object)}&limit=100`,
        )
      ).body.items;
    const named = [...(await entries(d.id)), ...(await entries(police))].filter(
      (e) => e.justification.includes('questioned') || e.justification.startsWith('complaint of'),
    );
    expect(named.map((e) => e.action).sort()).toEqual(['decision.read', 'mandate.read']);
    for (const e of named) {
      expect(e.justification).toMatch(/person:P-[0-9a-f]{32}|nrn:P-[0-9a-f]{32}/);
      expect(e.justification).not.toMatch(/Dupont|Jean|Marie|85073003328|85\.07\.30/i);
    }

    const report = await asAdmin<{
      personPseudonym: string;
      held: unknown[];
      erased: Array<{ decisionId: string; reason: string }>;
      consultations: Array<{ action: string; user: string; object: string }>;
    }>('POST', '/api/admin/access-reports', {
      nrn: ENDED.formatted,
      justification: 'DPO check after the purge',
    });
    expect(report.status).toBe(200);
    expect(report.body.held).toEqual([]);
    expect(report.body.erased).toEqual([expect.objectContaining({ decisionId: d.id, reason: 'retention' })]);
    const actions = report.body.consultations.map((c) => `${c.action} ${c.user}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'decision.create clerk.mons',
        'mandate.report agent.comines',
        'decision.read admin',
        'case.erase admin',
      ]),
    );
    expect(JSON.stringify(report.body)).not.toContain(ENDED.lastName);
    // the pseudonym in the justifications is the report's own: the DPO can tell they are about this person
    const justifications = report.body.consultations.map(
      (c) => `${c.action} ${(c as { justification?: string }).justification ?? ''}`,
    );
    expect(justifications).toContain(
      `decision.read complaint of person:${report.body.personPseudonym} (nrn:${report.body.personPseudonym})`,
    );
  });

  it('erases a case ahead of time through the API, with a justification, once; refuses bad requests', async () => {
    const url = '/api/admin/erasures';
    const short = await asAdmin<{ errors: Array<{ field: string }> }>('POST', url, {
      decisionId: runningCaseId,
      justification: 'oops',
    });
    expect(short.status).toBe(400);
    expect(
      (await asAdmin('POST', url, { decisionId: 'D-999999', justification: 'a case that does not exist' }))
        .status,
    ).toBe(404);
    const erased = await asAdmin<{ decisionId: string; reason: string; personPseudonym: string }>(
      'POST',
      url,
      {
        decisionId: runningCaseId,
        justification: 'court order of 2028-12-01 (erasure of Jan PEETERS)',
      },
    );
    expect(erased.status).toBe(201);
    expect(erased.body).toMatchObject({ decisionId: runningCaseId, reason: 'request' });
    const again = await asAdmin<{ code: string }>('POST', url, {
      decisionId: runningCaseId,
      justification: 'court order of 2028-12-01 (erasure)',
    });
    expect([again.status, again.body.code]).toEqual([409, 'already_erased']);
    expect((await asAdmin('GET', `/api/decisions/${runningCaseId}`)).status).toBe(404);
    expect(filesHolding(['90020199803', 'Peeters'])).toEqual([]);
    expect(await rowsHolding(['90020199803', 'Peeters'])).toEqual([]);
    const report = await asAdmin<{ erased: Array<{ reason: string; justification: string }> }>(
      'POST',
      '/api/admin/access-reports',
      { nrn: '90020199803', justification: 'DPO check of the early erasure' },
    );
    // the erasure's justification named the person: it is kept with their pseudonym instead
    expect(report.body.erased).toEqual([
      expect.objectContaining({
        reason: 'request',
        justification: `court order of 2028-12-01 (erasure of person:${erased.body.personPseudonym})`,
      }),
    ]);
    expect(filesHolding(['Peeters', 'PEETERS'])).toEqual([]);
    expect(await rowsHolding(['Peeters', 'PEETERS'])).toEqual([]);
    expect((await asAdmin<{ ok: boolean }>('GET', '/api/audit/verify')).body.ok).toBe(true);
  });
});
