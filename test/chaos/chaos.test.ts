import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { eventually, startIplus, type IplusProcess } from '../e2e/platform/iplus-process';
import { call } from './api-client';
import { checkThroughApi, readDecision, settled } from './api-invariants';
import { ChaosLoad, type LoadTarget } from './chaos-load';
import { prepareWorld } from './chaos-setup';
import { ClientLedger } from './client-ledger';
import { describePhases, pause, pct, restartPhases, seeded, untilReady } from './run-figures';
import { checkStores, pendingWork } from './store-invariants';

const MINUTES = Number(process.env.CHAOS_MINUTES ?? 3);
const KILLS = Math.max(10, Math.ceil(3 * MINUTES));
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
const CONCURRENCY = Number(process.env.CHAOS_CONCURRENCY ?? 4);

/** The URL the load should use: set while the platform listens, unset between a kill and its restart. */
class PlatformTarget implements LoadTarget {
  private current: string | undefined;
  private waiters: Array<() => void> = [];
  url = () => this.current;
  whenUp = () => (this.current ? Promise.resolve() : new Promise<void>((r) => this.waiters.push(r)));
  up(url: string): void {
    this.current = url;
    for (const w of this.waiters.splice(0)) w();
  }
  down(): void {
    this.current = undefined;
  }
}

// Issue 8, "Faults": the whole platform (`iplus start`, embedded engine) under a steady load of
// uploads, acknowledgements and reports, SIGKILLed at random moments and restarted on the same data
// folder; then the invariants over both databases. CHAOS_MINUTES (default 3) sets the length.
describe(`chaos: ${MINUTES} min of load, ${KILLS} SIGKILLs`, () => {
  jest.setTimeout((MINUTES * 60 + 360) * 1000);
  let dataDir: string;
  let iplus: IplusProcess | undefined;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-chaos-'));
  });
  afterAll(async () => {
    await iplus?.stop('SIGKILL');
    if (process.env.CHAOS_KEEP !== '1') fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every promise made to the client', async () => {
    const random = seeded(SEED);
    const wallStart = Date.now();
    iplus = await startIplus({ dataDir, readyTimeoutMs: 120_000 });
    const world = await prepareWorld(iplus);
    const ledger = new ClientLedger();
    const target = new PlatformTarget();
    const load = new ChaosLoad({ ledger, target, random, ...world });
    target.up(iplus.url);
    load.start(CONCURRENCY);

    const serveMs: number[] = [];
    const phases: Array<Record<string, number>> = [];
    let kills = 0;
    let bringUpKills = 0;
    let restarts = 0;
    const loadStart = Date.now();
    const endAt = loadStart + MINUTES * 60_000;
    const kill = async () => {
      target.down();
      expect(await iplus!.stop('SIGKILL')).toBe('SIGKILL');
      kills++;
    };
    const restart = async (waitForReady: boolean) => {
      const since = Date.now();
      iplus = await startIplus({ dataDir, waitForReady: false });
      restarts++;
      target.up(iplus.url);
      if (waitForReady) {
        serveMs.push(await untilReady(iplus.url, since, 120_000));
        phases.push(restartPhases(iplus.log()));
      }
    };

    let startMs = 5000;
    while (kills < KILLS - 1) {
      const slot = Math.max(0, endAt - Date.now()) / (KILLS - kills);
      await pause(Math.max(300, (slot - startMs) * (0.3 + 1.4 * random())));
      await kill();
      // One restart in five is killed again during its bring-up (models, routing, workers).
      const duringBringUp = random() < 0.2 && kills < KILLS - 1;
      await restart(!duringBringUp);
      if (duringBringUp) {
        await pause(random() * 1500);
        bringUpKills++;
        await kill();
        await restart(true);
      }
      startMs = pct(serveMs, 0.5);
    }
    if (Date.now() < endAt) await pause(endAt - Date.now());
    // The final kill and restart, then the load stops and the work drains.
    await kill();
    await restart(true);
    await load.stop();
    const loadSeconds = Math.round((Date.now() - loadStart) / 1000);
    const url = iplus!.url;

    // A client resends what got no answer, as it would after a lost answer: never a second decision.
    let committedUnanswered = 0;
    for (const d of ledger.decisions.values()) {
      if (d.id) continue;
      await load.upload(url, d);
      if (d.statuses.at(-1) === 200) committedUnanswered++;
    }
    expect(ledger.violations).toEqual([]);
    expect(ledger.decisions.size).toBeGreaterThan(0);
    expect(ledger.answered().length).toBe(ledger.decisions.size);

    // Drain: no job, no outbox item left, every decision routed.
    await eventually(
      async () => {
        // what is still pending is thrown, so a timeout says what never drained
        const pending = pendingWork(dataDir);
        if (pending.jobs > 0 || pending.outbox > 0)
          throw new Error(`${pending.jobs} job(s) and ${pending.outbox} outbox item(s) pending`);
        for (const d of ledger.answered()) {
          const read = await readDecision(url, d);
          if (!settled(d, read))
            throw new Error(`decision ${d.id} not settled (${read?.status ?? 'unreadable'})`);
        }
        return true;
      },
      180_000,
      'the work to drain (no job, no outbox item, every decision routed)',
    );

    const apiFailures = await checkThroughApi(url, ledger);
    const { failures, counts } = checkStores(dataDir, ledger);
    const audit = await call<{ ok: boolean; entries: number }>(
      url,
      iplus!.creds.admin!.token,
      'GET',
      '/api/audit/verify',
    );

    const block = [
      `chaos run: CHAOS_MINUTES=${MINUTES}, seed ${SEED}, ${CONCURRENCY} clients`,
      `  load                ${loadSeconds} s under load, ${Math.round((Date.now() - wallStart) / 1000)} s wall clock`,
      `  kills (SIGKILL)     ${kills} (${bringUpKills} during bring-up)`,
      `  restarts            ${restarts}; time to serve (spawn -> /ready 200) p50 ${pct(serveMs, 0.5)} ms, p99 ${pct(serveMs, 0.99)} ms, max ${Math.max(...serveMs)} ms (n=${serveMs.length})`,
      `  restart phases      ${describePhases(phases)}`,
      `  uploads sent        ${ledger.sent.uploads} new, ${ledger.sent.repeats} repeated; ${ledger.sent.unanswered} unanswered (cut by a kill), ${ledger.sent.refused} 503; ${committedUnanswered} committed without an answer (found on resend)`,
      `  decisions           ${counts.decisions} in the store, ${ledger.answered().length} acknowledged to the client`,
      `  signalements        ${counts.signalements}`,
      `  mandates            ${counts.mandates}`,
      `  acks                ${ledger.acknowledged.size} answered 2xx of ${ledger.sent.acks} sent; ${counts.acknowledged} mandates acknowledged in the store`,
      `  reports             ${ledger.reported.size} answered 2xx of ${ledger.sent.reports} sent; ${counts.reported} in the store, ${counts.breaches} breach notifications`,
      `  old channel         ${counts.oldChannel} coordinator notifications`,
      `  process instances   ${counts.processInstances}, duplicates cancelled ${counts.duplicatesCancelled}`,
      `  audit chain         ${audit.body?.ok ? 'ok' : 'BROKEN'} (${audit.body?.entries} entries)`,
      `  incidents           ${counts.incidents.length}${counts.incidents.map((i) => `\n    ${i}`).join('')}`,
      `  failures            ${apiFailures.length + failures.length}`,
    ].join('\n');
    process.stdout.write(`\n${block}\n`);

    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect(apiFailures).toEqual([]);
    expect(failures).toEqual([]);
    expect(counts.incidents).toEqual([]);
    expect(audit.body.ok).toBe(true);
    expect(ledger.reported.size).toBeGreaterThan(0);
    expect([...ledger.reported.values()].some((r) => r.breach)).toBe(true);
    expect(await iplus!.stop('SIGTERM')).toBe(0);
    iplus = undefined;
  });
});
