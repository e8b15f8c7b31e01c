import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startPostgres, type PostgresServer } from '../../platform/src/__fixtures__/embedded-postgres';
import { startEngineProcess, type EngineProcess } from '../../platform/src/__fixtures__/engine-process';
import { eventually, type DemoCredential } from '../e2e/platform/iplus-process';
import { call } from './api-client';
import { checkThroughApi, readDecision, settled } from './api-invariants';
import { ChaosLoad, type LoadTarget } from './chaos-load';
import { prepareWorld } from './chaos-setup';
import { ClientLedger, untilMeasuresEnded } from './client-ledger';
import { spawnPlatform, type PlatformInstance } from './platform-instance';
import { erasedOnPostgres, pendingOutbox, snapshotPostgres } from './postgres-snapshot';
import { CHAOS_RETENTION, CHAOS_RETENTION_ENV, checkRetention } from './retention-invariants';
import { describePhases, pause, pct, restartPhases, seeded, untilReady } from './run-figures';
import { checkStores, readOnly } from './store-invariants';

// CI form: 1.5 min (2 until 2026-12-07, cut to keep CI short; the kills stay at 10, so they come closer).
const MINUTES = Number(process.env.CHAOS_MINUTES ?? 1.5);
const KILLS = Math.max(10, Math.ceil(3 * MINUTES));
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
const CONCURRENCY = Number(process.env.CHAOS_CONCURRENCY ?? 4);
const NAMES = ['A', 'B'] as const;

/** The load's target: each request goes to one of the instances serving now, chosen at random. */
class TwoTargets implements LoadTarget {
  private readonly urls: Array<string | undefined> = [undefined, undefined];
  private waiters: Array<() => void> = [];
  constructor(private readonly random: () => number) {}
  url = () => {
    const up = this.urls.filter((u): u is string => !!u);
    return up.length ? up[Math.floor(this.random() * up.length)] : undefined;
  };
  whenUp = () =>
    this.urls.some((u) => u) ? Promise.resolve() : new Promise<void>((r) => this.waiters.push(r));
  up(i: number, url: string): void {
    this.urls[i] = url;
    for (const w of this.waiters.splice(0)) w();
  }
  down(i: number): void {
    this.urls[i] = undefined;
  }
}

/** Jobs still to run in the engine (an exhausted one is an incident, not pending work). */
function pendingJobs(engineDir: string): number {
  const engine = readOnly(path.join(engineDir, 'engine.db'));
  try {
    return (
      engine
        .prepare(
          `SELECT COUNT(*) AS n FROM job
           WHERE state IN ('ACTIVATABLE', 'ACTIVATED') OR (state = 'FAILED' AND retries > 0)`,
        )
        .get() as { n: number }
    ).n;
  } finally {
    engine.close();
  }
}

/** A line on the run's progress (a full run takes a quarter of an hour). */
const progress = (line: string) => process.stdout.write(`${new Date().toISOString()} chaos: ${line}\n`);

/** Waits for the instance's /ready; on a timeout, says what /ready answered and what it logged. */
async function readyOrExplain(p: PlatformInstance, since: number): Promise<number> {
  return untilReady(p.url, since, 120_000).catch(async (e: unknown) => {
    const ready = await fetch(`${p.url}/ready`).then((r) => r.text(), String);
    throw new Error(`${(e as Error).message}; /ready said ${ready}; log:\n${p.log().slice(-4000)}`);
  });
}

// Issue 13: two `iplus platform` instances on one PostgreSQL and one engine (`iplus engine`), the
// chaos load spread over both, each SIGKILLed at random (sometimes both at once) and restarted on
// its folder; then the chaos run's invariants over the whole database (copied into the SQLite
// layout store-invariants.ts reads) and the engine's. CHAOS_MINUTES (default 1.5) sets the length;
// `npm run test:chaos:two` is the full form. The load carries the case's life (issue 15: revisions,
// revocations, moves, measure ends) and the retention purge runs on both instances meanwhile (issue 16).
describe(`two instances on PostgreSQL under chaos: ${MINUTES} min, ${KILLS} SIGKILLs`, () => {
  jest.setTimeout((MINUTES * 60 + 900) * 1000);
  let root: string;
  let pg: PostgresServer | undefined;
  let engine: EngineProcess | undefined;
  const instances: Array<PlatformInstance | undefined> = [undefined, undefined];

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-chaos-two-'));
  });
  afterAll(async () => {
    for (const i of instances) await i?.stop('SIGKILL');
    await engine?.stop();
    await pg?.stop();
    if (process.env.CHAOS_KEEP !== '1') fs.rmSync(root, { recursive: true, force: true });
  });

  it('keeps every promise made to the client, across both instances', async () => {
    const random = seeded(SEED);
    const wallStart = Date.now();
    [pg, engine] = await Promise.all([
      startPostgres(),
      startEngineProcess(fs.mkdtempSync(path.join(root, 'engine-'))),
    ]);
    const engineDir = path.join(engine.dataDir, 'engine');
    const databaseUrl = await pg.createDatabase();
    const env = {
      IPLUS_DATABASE_URL: databaseUrl,
      ZEEBE_ADDRESS: engine.address,
      CAMUNDA_REST_ADDRESS: engine.restAddress,
      CAMUNDA_BASIC_AUTH_USERNAME: engine.basicAuth.username,
      CAMUNDA_BASIC_AUTH_PASSWORD: engine.basicAuth.password,
      // One audit chain: one HMAC key and one anchor for every instance.
      IPLUS_AUDIT_KEY_FILE: path.join(root, 'audit.key'),
      IPLUS_AUDIT_ANCHOR_FILE: path.join(root, 'audit-anchor.json'),
      // one pseudonym key too: a person has one pseudonym in the audit log, whichever instance erased
      IPLUS_PSEUDONYM_KEY_FILE: path.join(root, 'pseudonym.key'),
      ...CHAOS_RETENTION_ENV,
      IPLUS_DEMO: 'auto',
      IPLUS_DEMO_ROLLOUT: 'initial',
    };
    const dataDirs = NAMES.map((n) => path.join(root, `platform-${n}`));
    // A first (it creates the audit key and its anchor: see docs/DEPLOYMENT.md), then B.
    const first: PlatformInstance[] = [];
    for (const [i, n] of NAMES.entries()) {
      first.push((instances[i] = await spawnPlatform(n, dataDirs[i]!, env)));
      await readyOrExplain(first[i]!, Date.now());
    }
    const credsFile = dataDirs
      .map((d) => path.join(d, 'platform', 'demo-credentials.json'))
      .filter((f) => fs.existsSync(f));
    // The demo accounts were seeded once, by whichever instance created them.
    const creds = Object.fromEntries(
      credsFile
        .flatMap((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as DemoCredential[])
        .map((c) => [c.user, c]),
    );
    expect(Object.keys(creds).length).toBeGreaterThan(0);
    const world = await prepareWorld({ url: first[0]!.url, creds });
    const ledger = new ClientLedger();
    const target = new TwoTargets(random);
    const load = new ChaosLoad({ ledger, target, random, ...world });
    first.forEach((p, i) => target.up(i, p.url));
    load.start(CONCURRENCY);

    const serveMs: number[] = [];
    const phases: Array<Record<string, number>> = [];
    const killsOf = [0, 0];
    let kills = 0;
    let bothAtOnce = 0;
    const loadStart = Date.now();
    const endAt = loadStart + MINUTES * 60_000;
    const kill = async (i: number) => {
      target.down(i);
      expect(await instances[i]!.stop('SIGKILL')).toBe('SIGKILL');
      instances[i] = undefined;
      killsOf[i]!++;
      kills++;
    };
    const restart = async (i: number) => {
      const since = Date.now();
      const p = await spawnPlatform(NAMES[i]!, dataDirs[i]!, env);
      instances[i] = p;
      serveMs.push(await readyOrExplain(p, since));
      progress(`${NAMES[i]} serves again after ${serveMs.at(-1)} ms (${kills} kills so far)`);
      phases.push(restartPhases(p.log()));
      target.up(i, p.url);
    };

    let startMs = 5000;
    while (kills < KILLS - 2) {
      const slot = Math.max(0, endAt - Date.now()) / (KILLS - kills);
      await pause(Math.max(300, (slot - startMs) * (0.3 + 1.4 * random())));
      // One time in five both go down together (nothing serves until one is back).
      if (random() < 0.2) {
        bothAtOnce++;
        await Promise.all([kill(0), kill(1)]);
        await Promise.all([restart(0), restart(1)]);
      } else {
        const i = random() < 0.5 ? 0 : 1;
        await kill(i);
        await restart(i);
      }
      startMs = pct(serveMs, 0.5);
    }
    if (Date.now() < endAt) await pause(endAt - Date.now());
    // Each is killed a last time (so both are killed at least once), then the load stops.
    for (const i of [0, 1]) {
      await kill(i);
      await restart(i);
    }
    await load.stop();
    progress(`load stopped: ${ledger.decisions.size} decisions sent`);
    const loadSeconds = Math.round((Date.now() - loadStart) / 1000);
    const [a, b] = instances as [PlatformInstance, PlatformInstance];

    // A client resends what got no answer (to either instance): never a second decision.
    let committedUnanswered = 0;
    for (const [n, d] of [...ledger.decisions.values()].entries()) {
      if (d.id) continue;
      await load.upload(n % 2 ? b.url : a.url, d);
      if (d.statuses.at(-1) === 200) committedUnanswered++;
    }
    expect(ledger.violations).toEqual([]);
    expect(ledger.decisions.size).toBeGreaterThan(0);
    expect(ledger.answered().length).toBe(ledger.decisions.size);

    // The last short measures end first (they run on the real clock): no end fires during the checks.
    await untilMeasuresEnded(ledger);
    await eventually(
      async () => {
        // what is still pending is thrown, so a timeout says what never drained
        ledger.drainedAt = Date.now();
        const jobs = pendingJobs(engineDir);
        const outbox = await pendingOutbox(databaseUrl);
        if (jobs > 0 || outbox > 0) throw new Error(`${jobs} job(s) and ${outbox} outbox item(s) pending`);
        const erased = await erasedOnPostgres(databaseUrl);
        for (const d of ledger.answered().filter((x) => !erased.has(x.id!))) {
          const read = await readDecision(b.url, d);
          if (!settled(d, read))
            throw new Error(`decision ${d.id} not settled (${read?.status ?? 'unreadable'})`);
        }
        return true;
      },
      180_000,
      'the work to drain (no job, no outbox item, every decision routed)',
    );

    progress('drained; checking through the API and the database');
    // One last explicit purge after the drain (what expired meanwhile), then every check once the
    // outbox has carried out what the purge queued (an erased case's document removal).
    await load.purge(b.url);
    await eventually(
      async () => (await pendingOutbox(databaseUrl)) === 0 || undefined,
      30_000,
      'the outbox items of the last purge',
    );
    const apiFailures = await checkThroughApi(a.url, ledger, await erasedOnPostgres(databaseUrl), () =>
      erasedOnPostgres(databaseUrl),
    );
    const snapshot = path.join(root, 'snapshot');
    await snapshotPostgres(databaseUrl, engineDir, snapshot);
    const { failures, counts } = checkStores(snapshot, ledger, world.route);
    const retention = checkRetention(snapshot, ledger, CHAOS_RETENTION.caseMs);
    const verify = (url: string) =>
      call<{ ok: boolean; entries: number }>(url, creds.admin!.token, 'GET', '/api/audit/verify');
    const [auditA, auditB] = await Promise.all([verify(a.url), verify(b.url)]);

    const block = [
      `two-instance chaos run: CHAOS_MINUTES=${MINUTES}, seed ${SEED}, ${CONCURRENCY} clients, PostgreSQL`,
      `  load                ${loadSeconds} s under load, ${Math.round((Date.now() - wallStart) / 1000)} s wall clock`,
      `  kills (SIGKILL)     ${kills}: A ${killsOf[0]}, B ${killsOf[1]}; both at once ${bothAtOnce} times`,
      `  restarts            ${serveMs.length}; time to serve (spawn -> /ready 200) p50 ${pct(serveMs, 0.5)} ms, p99 ${pct(serveMs, 0.99)} ms, max ${Math.max(...serveMs)} ms`,
      `  restart phases      ${describePhases(phases)}`,
      `  uploads sent        ${ledger.sent.uploads} new, ${ledger.sent.repeats} repeated; ${ledger.sent.unanswered} unanswered (cut by a kill), ${ledger.sent.refused} 503; ${committedUnanswered} committed without an answer (found on resend)`,
      `  decisions           ${counts.decisions} in the store, ${ledger.answered().length} acknowledged to the client`,
      `  signalements        ${counts.signalements}`,
      `  mandates            ${counts.mandates}`,
      `  acks                ${ledger.acknowledged.size} answered 2xx of ${ledger.sent.acks} sent; ${counts.acknowledged} mandates acknowledged in the store`,
      `  reports             ${ledger.reported.size} answered 2xx of ${ledger.sent.reports} sent; ${counts.reported} in the store, ${counts.breaches} breach notifications`,
      `  old channel         ${counts.oldChannel} coordinator notifications`,
      `  revisions           ${ledger.revised.size} answered 2xx of ${ledger.sent.revisions} sent`,
      `  revocations         ${ledger.revoked.size} answered 2xx of ${ledger.sent.revocations} sent; ${counts.revoked} revoked in the store`,
      `  moves               ${[...ledger.moved.values()].flat().length} answered 2xx of ${ledger.sent.moves} sent; ${counts.moves} applied by the processes`,
      `  measure ends        ${ledger.answered().filter((d) => d.endsAt !== undefined).length} short measures sent; ${counts.ended} ended on their timer`,
      `  purges              ${ledger.purges.length} admin purges answered of ${ledger.sent.purges} sent (${ledger.purges.reduce((n, x) => n + x.casesErased, 0)} cases erased by them); ${retention.counts.erased} cases erased in all, ${retention.counts.erasedAnswered} of them acknowledged to the client (purged, not lost); ${retention.counts.gone} answers 404 for an erased case`,
      `  process instances   ${counts.processInstances}, duplicates cancelled ${counts.duplicatesCancelled}, duplicate follow-ups still waiting for their first job ${counts.duplicateFollowUpsWaiting}`,
      `  known gaps          erased cases named by a message still buffered in the engine (TTL) ${retention.counts.bufferedMessages}; completed duplicate instances of erased cases left ${counts.erasedCaseLeftovers}`,
      `  audit chain         A: ${auditA.body?.ok ? 'ok' : 'BROKEN'}, B: ${auditB.body?.ok ? 'ok' : 'BROKEN'} (${auditA.body?.entries} entries)`,
      `  incidents           ${counts.incidents.length}${counts.incidents.map((i) => `\n    ${i}`).join('')}`,
      `  failures            ${apiFailures.length + failures.length + retention.failures.length}`,
    ].join('\n');
    process.stdout.write(`\n${block}\n`);
    for (const f of [...apiFailures, ...failures, ...retention.failures])
      process.stdout.write(`  FAILURE ${f}\n`);

    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect(Math.min(...killsOf)).toBeGreaterThan(0);
    expect(apiFailures).toEqual([]);
    expect(failures).toEqual([]);
    expect(retention.failures).toEqual([]);
    expect(counts.incidents).toEqual([]);
    expect(auditA.body.ok).toBe(true);
    expect(auditB.body.ok).toBe(true);
    expect(ledger.reported.size).toBeGreaterThan(0);
    for (const i of [0, 1]) {
      expect(await instances[i]!.stop('SIGTERM')).toBe(0);
      instances[i] = undefined;
    }
  });
});
