import * as path from 'node:path';
import { ManualClock } from '../../engine/src/clock/manual-clock';
import { startTestEngine, type TestEngine } from '../../engine/src/test-support/engine-harness';
import { RegisterAdapter } from '../../platform/src/bng/bng-port';
import { composeServiceContext } from '../../platform/src/compose-context';
import { silentLogger } from '../../platform/src/logger';
import type { ServiceContext } from '../../platform/src/service-context';
import { EngineClient } from '../../platform/src/zeebe/engine-client';
import { deleteInstanceHandler, restEngineHistory } from '../../platform/src/zeebe/instance-deletion';
import type { EngineHistory } from '../../platform/src/retention/engine-history';
import { TEST_AUTHORIZATION } from '../../engine/src/test-support/test-credentials';
import { startJobWorkers, TASK_WORKERS, type RunningWorkers } from '../../platform/src/zeebe/job-workers';
import {
  passOn,
  publish,
  startDecisionProcess,
  startFollowUpProcess,
} from '../../platform/src/zeebe/process-starts';
import type { TaskWorker } from '../../platform/src/zeebe/workers/worker-deps';
import {
  openTestStore,
  testDatabase,
  testPostgres,
  type TestStore,
} from '../../platform/src/__fixtures__/test-store';

const BPMN = path.join(__dirname, '..', '..', 'bpmn');

/** A case's whole machinery for a test: the real models on the real engine, the platform's workers and store. */
export interface CaseHarness {
  engine: TestEngine;
  client: EngineClient;
  store: TestStore;
  ctx: ServiceContext;
  workers: RunningWorkers;
  /** The engine's side of erasure over its REST API (with `rest`). */
  history?: EngineHistory;
  close(): Promise<void>;
}

/**
 * Starts the engine on a manual clock (2026-12-01 09:00 UTC) with `conditional-release`,
 * `mandate-follow-up` and the routing tables of Hainaut and Antwerp deployed, a test store (SQLite or
 * PostgreSQL, `testDatabase`), the outbox's engine handlers and every task worker. `handle` wraps a
 * worker's handler (a test holds or records jobs there); `startDecision` replaces the outbox's start
 * of a decision's process (a test that stages a crash's leftovers).
 */
export async function startCaseHarness(opts: {
  storePrefix: string;
  handle?: (w: TaskWorker) => TaskWorker['handle'];
  startDecision?: (h: CaseHarness, decisionId: string) => Promise<void>;
  /** Also the engine's REST API, with `history` (the erasure's adapter) and the outbox's deletions. */
  rest?: boolean;
}): Promise<CaseHarness> {
  if (testDatabase === 'postgres') await testPostgres();
  const engine = await startTestEngine({
    clock: new ManualClock(Date.UTC(2026, 11, 1, 9, 0, 0)),
    rest: opts.rest,
  });
  const client = new EngineClient(engine.zbc);
  await engine.deploy(BPMN, 'mandate-follow-up.bpmn', 'conditional-release.bpmn');
  for (const p of ['BE-WHT', 'BE-VAN'])
    await engine.zbc.deployResource({ decisionFilename: path.join(BPMN, 'routing', `${p}.dmn`) });
  const store = await openTestStore(opts.storePrefix);
  const ctx = composeServiceContext({
    db: store.db,
    documents: store.documents,
    clock: { now: () => new Date(engine.clock.now()) },
    logger: silentLogger,
    settings: {},
  });
  const h: CaseHarness = {
    engine,
    client,
    store,
    ctx,
    workers: undefined as unknown as RunningWorkers,
    async close() {
      await h.workers?.close();
      await ctx.outbox.stop();
      await store.dispose();
      await engine.close();
    },
  };
  ctx.outbox.handle('start_decision', (p) => {
    const { decisionId } = p as { decisionId: string };
    return opts.startDecision
      ? opts.startDecision(h, decisionId)
      : startDecisionProcess(ctx, client, decisionId);
  });
  ctx.outbox.handle('start_follow_up', (p) =>
    startFollowUpProcess(ctx, client, (p as { mandateId: string }).mandateId),
  );
  ctx.outbox.handle('publish', (p) => publish(ctx, client, p as Parameters<typeof publish>[2]));
  ctx.outbox.handle('pass_on', (p) => passOn(ctx, client, p as Parameters<typeof passOn>[2]));
  if (opts.rest) {
    const history = restEngineHistory(client, engine.running.restAddress, async () => TEST_AUTHORIZATION);
    h.history = history;
    ctx.outbox.handle('delete_instance', deleteInstanceHandler(history));
  }
  ctx.outbox.start();
  const wrap = opts.handle;
  h.workers = startJobWorkers(
    engine.zbc,
    { ctx, bng: new RegisterAdapter(), engine: client },
    wrap ? TASK_WORKERS.map((w) => ({ taskType: w.taskType, handle: wrap(w) })) : TASK_WORKERS,
  );
  return h;
}
