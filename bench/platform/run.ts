/**
 * npm run bench:platform — the platform under load, through its real HTTP API, with `iplus start`
 * (embedded engine + platform, as an operator runs it):
 *
 * 1. upload→visible: decisions uploaded at 20/s for BENCH_SECONDS (default 60); for each, the time
 *    from sending POST /api/decisions until both its mandates are visible (GET /api/decisions/{id}
 *    shows the police and guidance mandates). Reports p50 and p99.
 * 2. inbox: 1,000,000 mandates seeded straight into the database (BENCH_MANDATES), then
 *    GET /api/mandates?status=issued of one police zone driven by autocannon at 500 req/s
 *    (BENCH_INBOX_RATE) for BENCH_SECONDS. Reports p99.
 *
 * Last line: `upload->visible p99: <X> ms; inbox p99: <Y> ms at <Z> req/s`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { decision, startIplus, upload, type IplusProcess } from '../../test/e2e/platform/iplus-process';
import { seedMandates } from './seed-mandates';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const UPLOAD_RATE = Number(process.env.BENCH_UPLOAD_RATE ?? 20);
const MANDATES = Number(process.env.BENCH_MANDATES ?? 1_000_000);
const INBOX_RATE = Number(process.env.BENCH_INBOX_RATE ?? 500);

const log = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function uploadToVisible(
  iplus: IplusProcess,
): Promise<{ p50: number; p99: number; count: number; lost: number }> {
  const latencies: number[] = [];
  let lost = 0;
  const inFlight: Promise<void>[] = [];
  const total = SECONDS * UPLOAD_RATE;
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / UPLOAD_RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      (async () => {
        const sent = performance.now();
        const res = await iplus.as<{ id: string }>(
          'clerk.mons',
          'POST',
          '/api/decisions',
          upload(decision(`BENCH-UPLOAD-${process.pid}-${i}`)),
        );
        if (res.status !== 201) {
          lost++;
          return;
        }
        for (;;) {
          const d = await iplus.as<{ mandates: unknown[] }>(
            'clerk.mons',
            'GET',
            `/api/decisions/${res.body.id}`,
          );
          if (d.body.mandates.length >= 2) break;
          if (performance.now() - sent > 30_000) {
            lost++;
            return;
          }
          await new Promise((r) => setTimeout(r, 2));
        }
        latencies.push(performance.now() - sent);
      })(),
    );
  }
  await Promise.all(inFlight);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length, lost };
}

async function inbox(
  dataDir: string,
): Promise<{ p99: number; p50: number; rate: number; errors: number; hot: number }> {
  // Migrate the schema (first start), stop, seed directly, start again on the seeded data.
  const first = await startIplus({ dataDir, waitForReady: false });
  const creds = first.creds;
  const agencies = (
    await first.as<Array<{ id: string }>>('admin', 'GET', '/api/agencies?kind=police_zone')
  ).body.map((a) => a.id);
  const houses = (
    await first.as<Array<{ id: string }>>('admin', 'GET', '/api/agencies?kind=justice_house')
  ).body.map((a) => a.id);
  await first.stop('SIGTERM');
  const seedStart = performance.now();
  const { hotPolice } = seedMandates(
    path.join(dataDir, 'platform', 'platform.sqlite'),
    MANDATES,
    agencies,
    houses,
    {
      policeZone: creds['agent.comines']!.agencyId,
      justiceHouse: creds['assistant.tournai']!.agencyId,
    },
  );
  log(
    `seeded ${MANDATES} mandates in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (${hotPolice} for ${creds['agent.comines']!.agencyId})`,
  );
  const iplus = await startIplus({ dataDir, waitForReady: false });
  try {
    const url = `${iplus.url}/api/mandates?status=issued`;
    const token = creds['agent.comines']!.token;
    // Warm up (connections, caches), then measure.
    await autocannon({ url, connections: 10, amount: 500, headers: { authorization: `Bearer ${token}` } });
    const result = await autocannon({
      url,
      connections: 20,
      overallRate: INBOX_RATE,
      duration: SECONDS,
      headers: { authorization: `Bearer ${token}` },
    });
    return {
      p99: result.latency.p99,
      p50: result.latency.p50,
      rate: Math.round(result.requests.average),
      errors: result.errors + result.non2xx,
      hot: hotPolice,
    };
  } finally {
    await iplus.stop('SIGTERM');
  }
}

async function main(): Promise<void> {
  log(`bench:platform — ${os.cpus().length} cores, node ${process.version}, BENCH_SECONDS=${SECONDS}`);
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-bench-upload-'));
  const inboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-bench-inbox-'));
  try {
    if (process.env.BENCH_ONLY === 'inbox') {
      const ib = await inbox(inboxDir);
      log(`inbox p99: ${ib.p99} ms at ${ib.rate} req/s (p50 ${ib.p50} ms, ${ib.errors} errors)`);
      return;
    }
    const iplus = await startIplus({ dataDir: uploadDir });
    let up;
    try {
      up = await uploadToVisible(iplus);
    } finally {
      await iplus.stop('SIGTERM');
    }
    log(
      `upload->visible: ${up.count} decisions at ${UPLOAD_RATE}/s, p50 ${up.p50.toFixed(1)} ms, p99 ${up.p99.toFixed(1)} ms, failed ${up.lost}`,
    );
    const ib = await inbox(inboxDir);
    log(
      `inbox: ${MANDATES} mandates seeded, GET /api/mandates?status=issued at ${INBOX_RATE} req/s: p50 ${ib.p50} ms, p99 ${ib.p99} ms, ${ib.rate} req/s achieved, ${ib.errors} errors`,
    );
    log(`upload->visible p99: ${up.p99.toFixed(1)} ms; inbox p99: ${ib.p99} ms at ${ib.rate} req/s`);
  } finally {
    fs.rmSync(uploadDir, { recursive: true, force: true });
    fs.rmSync(inboxDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
