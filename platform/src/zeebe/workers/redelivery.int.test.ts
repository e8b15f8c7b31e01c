import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Duration, ZBClient } from 'zeebe-node';
import { eventually, startEngineProcess, type EngineProcess } from '../../__fixtures__/engine-process';
import { cominesDecision, monsClerk as clerk, samplePdf } from '../../__fixtures__/sample-decision';
import { RegisterAdapter } from '../../bng/bng-port';
import { systemClock } from '../../clock';
import { composeServiceContext } from '../../compose-context';
import { uploadDecision } from '../../decisions/upload-decision';
import { processVariables } from '../process-starts';
import { silentLogger } from '../../logger';
import type { ServiceContext } from '../../service-context';
import { openStore, type OpenedStore } from '../../store/database';
import { DocumentStore } from '../../store/document-store';
import { EngineClient } from '../engine-client';
import { createSignalementWorker } from './create-signalement.worker';
import { issueMandateWorker } from './issue-mandate.worker';
import type { IplusJob, JobAction } from './job-outcome';
import type { TaskWorker } from './worker-deps';

// Jobs are delivered at least once. Here the first delivery of every job does its work (commits)
// but never tells the engine (as if the worker died right after): the engine hands the job out
// again after its timeout, and the second delivery must find the work done, not do it twice.
describe('redelivered jobs', () => {
  jest.setTimeout(60_000);
  let engine: EngineProcess;
  let store: OpenedStore;
  let ctx: ServiceContext;
  let zeebe: ZBClient;
  let dir: string;

  beforeAll(async () => {
    engine = await startEngineProcess();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-redelivery-'));
    store = await openStore(dir);
    ctx = composeServiceContext({
      db: store.db,
      documents: new DocumentStore(dir),
      clock: systemClock,
      logger: silentLogger,
      settings: {},
    });
    zeebe = new ZBClient(engine.address, { useTLS: false, loglevel: 'NONE', basicAuth: engine.basicAuth });
    await zeebe.deployResource({
      processFilename: path.join(__dirname, 'scenario', 'conditional-release.bpmn'),
    });
    // The platform's own routing, which the mandate worker checks each recipient against.
    await zeebe.deployResource({
      decisionFilename: path.join(__dirname, 'scenario', 'routing', 'BE-WHT.dmn'),
    });
  });
  afterAll(async () => {
    await zeebe?.close();
    await store?.close();
    await engine?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates each mandate and the signalement once, though every job ran twice', async () => {
    const up = await uploadDecision(ctx, clerk, {
      decision: cominesDecision('TAP-MONS-2026-REDELIVER'),
      document: { fileName: 'd.pdf', bytes: samplePdf() },
    });
    const deps = { ctx, bng: new RegisterAdapter(), engine: new EngineClient(zeebe) };
    const runs = new Map<string, number>();
    const forwardFirst =
      (w: TaskWorker) =>
      (job: IplusJob): JobAction => {
        const n = (runs.get(job.key) ?? 0) + 1;
        runs.set(job.key, n);
        if (n > 1) return w.handle(job, deps);
        // First delivery: do the work, then drop the completion on the floor.
        const lost = Object.assign(Object.create(job) as IplusJob, { complete: async () => job.forward() });
        return w.handle(lost, deps);
      };
    const workers = [issueMandateWorker, createSignalementWorker].map((w) =>
      zeebe.createWorker<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>>({
        taskType: w.taskType,
        taskHandler: forwardFirst(w),
        timeout: Duration.seconds.of(1),
        pollInterval: Duration.milliseconds.of(100),
      }),
    );
    try {
      const key = await deps.engine.createProcessInstance(
        'conditional-release',
        processVariables(up.decision, 'PT24H'),
      );
      await eventually(
        async () => ([...runs.values()].filter((n) => n >= 2).length >= 3 ? true : undefined),
        30_000,
        'redeliveries',
      );
      const mandates = await store.db
        .selectFrom('mandates')
        .select(['id', 'process_instance_key'])
        .where('decision_id', '=', up.decision.id)
        .execute();
      expect(mandates.map((m) => m.id).sort()).toEqual([
        `M-${String(up.decision.seq).padStart(6, '0')}-JH`,
        `M-${String(up.decision.seq).padStart(6, '0')}-POL`,
      ]);
      expect(mandates.every((m) => m.process_instance_key === key)).toBe(true);
      const signalements = await store.db
        .selectFrom('signalements')
        .select('id')
        .where('decision_id', '=', up.decision.id)
        .execute();
      expect(signalements).toHaveLength(1);
      const notifications = await store.db.selectFrom('notifications').select('id').execute();
      expect(notifications).toHaveLength(0);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  });
});
