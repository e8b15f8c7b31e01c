import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { ZBClient } from 'zeebe-node';
import { spawnEngine, type EngineChild } from '../test-support/engine-child';

jest.setTimeout(120_000);

const client = (child: EngineChild) =>
  new ZBClient(child.address, { loglevel: 'NONE', retry: false, basicAuth: child.basicAuth } as never);

describe('durability: the engine killed with SIGKILL in the middle of load', () => {
  let dataDir: string;
  let engine: EngineChild | undefined;
  let zbc: ZBClient | undefined;
  let worker: { close(timeout?: number): Promise<unknown> } | undefined;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-crash-'));
  });
  afterAll(async () => {
    await worker?.close(1000).catch(() => undefined);
    await zbc?.close(1000).catch(() => undefined);
    await engine?.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing that was acknowledged, does nothing twice, and carries on after restart', async () => {
    // given an engine with both processes deployed
    engine = await spawnEngine(dataDir);
    zbc = client(engine);
    await zbc.deployResource({ processFilename: path.join(__dirname, 'crash-recovery.bpmn') });

    // and 40 instances waiting for a message, of which the first 20 got their (acknowledged) message,
    // plus a buffered message for an instance that does not exist yet
    const waiting: string[] = [];
    for (let i = 0; i < 40; i++) {
      waiting.push(
        (await zbc.createProcessInstance({ bpmnProcessId: 'crash-message', variables: { id: `m-${i}` } }))
          .processInstanceKey,
      );
    }
    for (let i = 0; i < 20; i++)
      await zbc.publishMessage({ name: 'crash-ack', correlationKey: `m-${i}`, variables: {} });
    await zbc.publishMessage({
      name: 'crash-ack',
      correlationKey: 'late',
      timeToLive: 3_600_000,
      variables: { buffered: true },
    });

    // when instances are created and worked on concurrently...
    const created = new Set<string>();
    const completedJobs = new Map<string, string>();
    const c = zbc;
    worker = c.createWorker({
      taskType: 'crash-work',
      timeout: 2000,
      pollInterval: 20,
      maxJobsToActivate: 50,
      taskHandler: async (job: { key: string; processInstanceKey: string; complete(): Promise<unknown> }) => {
        const ack = await job.complete();
        completedJobs.set(job.key, job.processInstanceKey);
        return ack;
      },
    } as never);
    let stop = false;
    const load = Array.from({ length: 16 }, async () => {
      while (!stop) {
        try {
          created.add(
            (await c.createProcessInstance({ bpmnProcessId: 'crash-task', variables: {} }))
              .processInstanceKey,
          );
        } catch {
          return;
        }
      }
    });
    const deadline = Date.now() + 60_000;
    while ((created.size < 300 || completedJobs.size < 100) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    // ...the engine is killed without warning
    await engine.kill();
    stop = true;
    await Promise.all(load);
    await worker!.close(500).catch(() => undefined);
    await c.close(500).catch(() => undefined);
    const acknowledgedCreates = new Set(created);
    const acknowledgedCompletions = new Map(completedJobs);
    expect(acknowledgedCreates.size).toBeGreaterThanOrEqual(300);

    // then after a restart on the same data...
    engine = await spawnEngine(dataDir);
    zbc = client(engine);
    const after = zbc;
    worker = after.createWorker({
      taskType: 'crash-work',
      timeout: 2000,
      pollInterval: 20,
      maxJobsToActivate: 50,
      taskHandler: (job: { complete(): Promise<unknown> }) => job.complete(),
    } as never);
    for (let i = 20; i < 40; i++)
      await after.publishMessage({ name: 'crash-ack', correlationKey: `m-${i}`, variables: {} });
    const late = (
      await after.createProcessInstance({ bpmnProcessId: 'crash-message', variables: { id: 'late' } })
    ).processInstanceKey;

    const db = new Database(path.join(dataDir, 'engine.db'));
    try {
      const state = (key: string) =>
        (
          db.prepare('SELECT state FROM process_instance WHERE key = ?').get(Number(key)) as
            | { state: string }
            | undefined
        )?.state;
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      // every acknowledged instance exists, and every one of them (and any other) runs to its end
      for (const key of acknowledgedCreates) expect(state(key)).toBeDefined();
      const until = Date.now() + 60_000;
      while (
        count("SELECT COUNT(*) AS n FROM process_instance WHERE state = 'ACTIVE'") > 0 &&
        Date.now() < until
      ) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(count("SELECT COUNT(*) AS n FROM process_instance WHERE state = 'ACTIVE'")).toBe(0);
      for (const key of acknowledgedCreates) expect(state(key)).toBe('COMPLETED');
      // acknowledged completions were not done again: one job per instance, completed once
      for (const [jobKey, instanceKey] of acknowledgedCompletions) {
        const jobs = db
          .prepare('SELECT key, state FROM job WHERE process_instance_key = ?')
          .all(Number(instanceKey)) as Array<{ key: number; state: string }>;
        expect(jobs).toEqual([{ key: Number(jobKey), state: 'COMPLETED' }]);
      }
      // nothing happened twice anywhere: each instance passed each element exactly once
      expect(
        count(
          `SELECT COUNT(*) AS n FROM (SELECT process_instance_key, element_id FROM element_instance
             GROUP BY process_instance_key, element_id HAVING COUNT(*) > 1)`,
        ),
      ).toBe(0);
      expect(count("SELECT COUNT(*) AS n FROM job WHERE state <> 'COMPLETED'")).toBe(0);
      // message subscriptions and buffered messages survived
      for (const key of waiting) expect(state(key)).toBe('COMPLETED');
      expect(state(late)).toBe('COMPLETED');
    } finally {
      db.close();
    }
  });
});
