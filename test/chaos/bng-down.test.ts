import * as fs from 'node:fs';
import { ZBClient } from 'zeebe-node';
import { decision, eventually, startIplus, upload, type IplusProcess } from '../e2e/platform/iplus-process';
import { engineIncidents, jobFailures } from './engine-incidents';
import { FakeBng } from './fake-bng';

interface DecisionRead {
  id: string;
  signalement: { id: string; register: string; externalId?: string } | null;
  mandates: Array<{ id: string }>;
}
interface Health {
  status: string;
  parts: { bng: { status: string } };
  /** Only for an admin (issue 12): the circuit state is a detail. */
  details: { bng: { circuit: string } };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Issue 8, "Dependencies down": the external BNG endpoint (IPLUS_BNG_ADAPTER=http) is a real HTTP
// server run by this test. It goes down and comes back; it gets slow. The platform is `iplus start`.
describe('BNG endpoint down, then back; slow', () => {
  jest.setTimeout(300_000);
  const bng = new FakeBng();
  let iplus: IplusProcess;
  let zeebe: ZBClient;
  const uploaded: string[] = [];

  beforeAll(async () => {
    const url = await bng.listen();
    iplus = await startIplus({
      env: { IPLUS_BNG_ADAPTER: 'http', IPLUS_BNG_URL: url, IPLUS_BNG_TIMEOUT_MS: '500' },
    });
    const gateway = /Zeebe gateway on (\S+)/.exec(iplus.log())![1]!;
    zeebe = new ZBClient(gateway, {
      useTLS: false,
      loglevel: 'NONE',
      retry: false,
      basicAuth: iplus.engineBasicAuth,
    });
  });
  afterAll(async () => {
    await zeebe?.close(2000).catch(() => undefined);
    expect(await iplus?.stop('SIGTERM')).toBe(0);
    await bng.close();
    fs.rmSync(iplus.dataDir, { recursive: true, force: true });
  });

  const send = async (reference: string) => {
    const res = await iplus.as<DecisionRead>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      upload(decision(reference)),
    );
    expect(res.status).toBe(201);
    uploaded.push(res.body.id);
    return res.body.id;
  };
  const health = async () => (await iplus.as<Health>('admin', 'GET', '/health')).body;
  const activeIncidents = () => engineIncidents(iplus.dataDir).filter((i) => i.state === 'ACTIVE');
  const hitsOf = (decisionId: string) => bng.hits.filter((h) => h.decisionId === decisionId);

  /** Once the circuit lets calls through again: UpdateJobRetries + ResolveIncident for each incident. */
  const resolveAll = async () => {
    await eventually(
      async () => ((await health()).details.bng.circuit !== 'open' ? true : undefined),
      60_000,
      'the circuit to leave the open state',
    );
    for (const i of activeIncidents()) {
      expect(i.elementId).toBe('CreateSignalement');
      await zeebe.updateJobRetries({ jobKey: i.jobKey!, retries: 3 });
      await zeebe.resolveIncident({ incidentKey: i.key });
    }
  };

  /** Every uploaded decision has its one signalement, in the platform and at the BNG. */
  const allSignalled = async () => {
    const reads = await eventually(
      async () => {
        const ds = await Promise.all(
          uploaded.map((id) => iplus.as<DecisionRead>('clerk.mons', 'GET', `/api/decisions/${id}`)),
        );
        return ds.every((d) => d.body.signalement && d.body.mandates.length === 2) ? ds : undefined;
      },
      60_000,
      'a signalement for every decision',
    );
    for (const d of reads) {
      expect(d.body.signalement).toMatchObject({
        register: 'bng-http',
        externalId: `BNG-${d.body.signalement!.id}`,
      });
      expect(bng.stored.get(d.body.signalement!.id)?.decisionId).toBe(d.body.id);
    }
    expect(new Set(bng.perDecision().values())).toEqual(new Set([1]));
    expect([...bng.perDecision().keys()].sort()).toEqual([...uploaded].sort());
    expect(activeIncidents()).toEqual([]);
  };

  it('down: jobs back off, incidents once the retries run out, resolving them finishes the work, nothing twice', async () => {
    bng.mode = 'down';
    const first = await send('TAP-MONS-2026-BNG-DOWN-1');
    await eventually(async () => (activeIncidents().length === 1 ? true : undefined), 90_000, 'an incident');
    // Each job attempt is one adapter call (3 quick tries); between attempts the job backs off.
    const hits = hitsOf(first);
    const attempts: number[] = [hits[0]!.at];
    for (let i = 1; i < hits.length; i++) if (hits[i]!.at - hits[i - 1]!.at > 800) attempts.push(hits[i]!.at);
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
    process.stdout.write(
      `BNG down: job attempts every ${gaps.map((g) => `${g} ms`).join(', ')}, then an incident\n`,
    );
    expect(attempts.length).toBe(5); // the task's 5 retries, then the incident
    expect(gaps.at(-1)!).toBeGreaterThan(gaps[0]! + 1500); // back-off grows: 1 s, 1 s, 2 s, 4 s
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThan(gaps[i - 1]! - 400);
    expect(activeIncidents()[0]!.errorMessage).toMatch(/BNG endpoint/);

    // Two more while the endpoint is down: the circuit is open, so they fail without calling it.
    const hitsBefore = bng.hits.length;
    await send('TAP-MONS-2026-BNG-DOWN-2');
    await send('TAP-MONS-2026-BNG-DOWN-3');
    await eventually(
      async () => (activeIncidents().length === 3 ? true : undefined),
      90_000,
      'three incidents',
    );
    expect(bng.hits.length).toBe(hitsBefore);

    bng.mode = 'up';
    await resolveAll();
    await allSignalled();
  });

  it('slow: the circuit breaker opens and calls stop reaching the endpoint; health says so; then the work finishes', async () => {
    bng.mode = 'slow';
    await send('TAP-MONS-2026-BNG-SLOW-1');
    await send('TAP-MONS-2026-BNG-SLOW-2');
    const open = await eventually(
      async () => {
        const h = await health();
        return h.details.bng.circuit === 'open' ? h : undefined;
      },
      60_000,
      'the circuit to open',
    );
    expect(open).toMatchObject({
      status: 'degraded',
      parts: { bng: { status: 'down' } },
      details: { bng: { circuit: 'open' } },
    });
    // Calls already under way finish their tries (at most ~2 s); after that nothing reaches the BNG
    // while the circuit stays open, although jobs keep being tried and fail at once.
    await pause(2500);
    const hitsWhileOpen = bng.hits.length;
    await eventually(
      async () =>
        jobFailures(iplus.dataDir, 'iplus:create-signalement').some((m) => /paused/.test(m))
          ? true
          : undefined,
      30_000,
      'a job failed by the open circuit',
    );
    expect((await health()).details.bng.circuit).toBe('open');
    expect(bng.hits.length).toBe(hitsWhileOpen);
    await eventually(
      async () => (activeIncidents().length === 2 ? true : undefined),
      90_000,
      'two incidents',
    );

    bng.mode = 'up';
    await resolveAll();
    await allSignalled();
    const after = await health();
    expect(after.parts.bng.status).toBe('up');
    expect(after.details.bng.circuit).toBe('closed');
  });
});
