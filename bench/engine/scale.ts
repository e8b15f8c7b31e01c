/**
 * npm run bench:engine:scale — holds BENCH_SCALE_INSTANCES (default 1,000,000) instances waiting
 * on a message, then restarts the engine in a fresh process and reports its memory (RSS) and the
 * time from process start to serving (first message correlated over gRPC).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ZBClient } from 'zeebe-node';
import { Engine } from '../../engine/src/processor/engine';
import { spawnEngine } from '../../engine/src/test-support/engine-child';

const INSTANCES = Number(process.env.BENCH_SCALE_INSTANCES ?? 1_000_000);
const BATCH = 2_000;
const log = (line: string) => process.stdout.write(`${line}\n`);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const rssOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-scale-'));
  try {
    log(
      `machine: ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    // 1. Fill: instances created through the engine's own command path (group commit, durable).
    const engine = new Engine({ dataDir });
    await engine.deploy([
      { name: 'waiting.bpmn', content: fs.readFileSync(path.join(__dirname, 'waiting.bpmn'), 'utf8') },
    ]);
    const began = performance.now();
    for (let done = 0; done < INSTANCES; done += BATCH) {
      const n = Math.min(BATCH, INSTANCES - done);
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          engine.createProcessInstance({
            bpmnProcessId: 'bench-waiting',
            variables: JSON.stringify({ id: `c-${done + i}` }),
          }),
        ),
      );
      if ((done + n) % 100_000 === 0)
        log(
          `  ${done + n} instances waiting (${((done + n) / ((performance.now() - began) / 1000)).toFixed(0)}/s)`,
        );
    }
    const fillSeconds = (performance.now() - began) / 1000;
    const fillRss = process.memoryUsage().rss;
    await engine.close();
    const dbBytes = fs
      .readdirSync(dataDir)
      .reduce((sum, f) => sum + fs.statSync(path.join(dataDir, f)).size, 0);
    log(
      `filled: ${INSTANCES} instances waiting on a message in ${fillSeconds.toFixed(0)} s; RSS of the filling process ${mib(fillRss)}; database ${mib(dbBytes)}`,
    );

    // 2. Restart in a fresh process: time to serving, and its memory.
    const started = performance.now();
    const child = await spawnEngine(dataDir);
    const zbc = new ZBClient(child.address, { loglevel: 'NONE', basicAuth: child.basicAuth } as never);
    await zbc.publishMessage({ name: 'bench-ack', correlationKey: `c-${INSTANCES - 1}`, variables: {} });
    const toServing = (performance.now() - started) / 1000;
    const rssAtStart = rssOf(child.process.pid!);
    const sample = Math.min(10_000, INSTANCES);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: sample }, (_, i) =>
        zbc.publishMessage({
          name: 'bench-ack',
          correlationKey: `c-${i * Math.floor(INSTANCES / sample)}`,
          variables: {},
        }),
      ),
    );
    const correlatePerSecond = sample / ((performance.now() - t0) / 1000);
    const rssAfter = rssOf(child.process.pid!);
    log(
      `restart: serving (first message correlated over gRPC) ${toServing.toFixed(2)} s after process start; ` +
        `RSS ${mib(rssAtStart)} at start, ${mib(rssAfter)} after correlating ${sample} messages to cold instances ` +
        `(${correlatePerSecond.toFixed(0)}/s)`,
    );
    log(
      `scale: ${INSTANCES} waiting instances; RSS ${mib(Math.max(rssAtStart, rssAfter))} (target < 1024 MiB); restart to serving ${toServing.toFixed(2)} s (target < 10 s)`,
    );
    await zbc.close();
    await child.kill();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`scale bench failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
