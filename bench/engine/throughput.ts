/**
 * npm run bench:engine — completed instances per second of a one-service-task process on the
 * embedded engine, durable (SQLite WAL, synchronous=FULL) and over gRPC, driven by zeebe-node
 * workers; create→complete latency; and the same process on the peer bpmn-engine, in memory.
 *
 * The engine runs in its own process (as it would beside the platform); this process is the client.
 * BENCH_INSTANCES (default 20000), BENCH_CONCURRENCY (creates in flight, default 128),
 * BENCH_WORKERS (default 2), BENCH_PEER_INSTANCES (default 2000).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ZBClient } from 'zeebe-node';
import { spawnEngine } from '../../engine/src/test-support/engine-child';
import { runPeer } from './peer-bpmn-engine';

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 128);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const PEER_INSTANCES = Number(process.env.BENCH_PEER_INSTANCES ?? 2_000);
const BPMN = path.join(__dirname, 'one-task.bpmn');

const log = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

interface Run {
  perSecond: number;
  p50: number;
  p99: number;
  engineCpuMsPerInstance: number;
  clientCpuMsPerInstance: number;
}

/** Completion bookkeeping of the run in progress (workers live across runs: closing a worker
 * that still holds a long poll would strand the jobs handed to it until their timeout). */
interface Tally {
  count: number;
  finished: number;
  finishedAt: Map<string, number>;
  done: () => void;
}
let tally: Tally | undefined;

function startWorkers(zbc: ZBClient): Array<{ close(): Promise<unknown> }> {
  return Array.from(
    { length: WORKERS },
    () =>
      zbc.createWorker({
        taskType: 'bench-work',
        maxJobsToActivate: 512,
        pollInterval: 1,
        longPoll: 30_000,
        timeout: 60_000,
        taskHandler: async (job: { processInstanceKey: string; complete(): Promise<unknown> }) => {
          const ack = await job.complete();
          const t = tally!;
          t.finishedAt.set(job.processInstanceKey, performance.now());
          if (++t.finished === t.count) t.done();
          return ack;
        },
      } as never) as unknown as { close(): Promise<unknown> },
  );
}

async function runEngine(count: number, zbc: ZBClient, cpu: () => Promise<number>): Promise<Run> {
  const startedAt = new Map<string, number>();
  const finishedAt = new Map<string, number>();
  const allDone = new Promise<void>((done) => (tally = { count, finished: 0, finishedAt, done }));
  const cpuBefore = await cpu();
  const clientBefore = process.cpuUsage();
  const began = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        next++;
        const t0 = performance.now();
        const r = await zbc.createProcessInstance({
          bpmnProcessId: 'bench-one-task',
          variables: { n: next },
        });
        startedAt.set(r.processInstanceKey, t0);
      }
    }),
  );
  await allDone;
  const elapsed = (performance.now() - began) / 1000;
  const cpuAfter = await cpu();
  const client = process.cpuUsage(clientBefore);
  const latencies = [...finishedAt]
    .map(([key, end]) => end - (startedAt.get(key) ?? end))
    .sort((a, b) => a - b);
  return {
    perSecond: count / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    engineCpuMsPerInstance: (cpuAfter - cpuBefore) / count,
    clientCpuMsPerInstance: (client.user + client.system) / 1000 / count,
  };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-bench-'));
  const engine = await spawnEngine(dataDir);
  const client = new ZBClient(engine.address, { loglevel: 'NONE', basicAuth: engine.basicAuth } as never);
  const cpu = async () => {
    const stat = fs.readFileSync(`/proc/${engine.process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(stat[11]) + Number(stat[12])) * 1000) / 100; // utime + stime, clock ticks → ms
  };
  try {
    await client.deployResource({ processFilename: BPMN });
    log(
      `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model}), load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const workers = startWorkers(client);
    await runEngine(Math.min(2_000, INSTANCES), client, cpu); // warm-up
    const run = await runEngine(INSTANCES, client, cpu);
    await Promise.all(workers.map((w) => w.close()));
    log(
      `engine: ${INSTANCES} instances, ${run.perSecond.toFixed(0)} PI/s, create→complete p50 ${run.p50.toFixed(1)} ms, ` +
        `p99 ${run.p99.toFixed(1)} ms; CPU per instance: engine ${run.engineCpuMsPerInstance.toFixed(3)} ms ` +
        `(one dedicated core: ${(1000 / run.engineCpuMsPerInstance).toFixed(0)} PI/s), zeebe-node client ${run.clientCpuMsPerInstance.toFixed(3)} ms`,
    );
    await client.close();
    await engine.kill();
    const peer = await runPeer(BPMN, PEER_INSTANCES, 50);
    log(
      `peer bpmn-engine: ${PEER_INSTANCES} instances, ${peer.toFixed(0)} PI/s (in-process, in memory, model pre-parsed)`,
    );
    log(
      `engine: ${run.perSecond.toFixed(0)} PI/s durable over gRPC; peer bpmn-engine: ${peer.toFixed(0)} PI/s; ratio ${(run.perSecond / peer).toFixed(1)}`,
    );
  } finally {
    await engine.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
