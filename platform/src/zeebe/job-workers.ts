import { Duration, type ZBClient, type ZBWorker } from 'zeebe-node';
import { applyRolloutSwitchWorker } from './workers/apply-rollout-switch.worker';
import { createSignalementWorker } from './workers/create-signalement.worker';
import { escalateWorker } from './workers/escalate.worker';
import { issueMandateWorker } from './workers/issue-mandate.worker';
import { oldChannelWorker } from './workers/old-channel.worker';
import { reportBreachWorker } from './workers/report-breach.worker';
import type { TaskWorker, WorkerDeps } from './workers/worker-deps';

/** Every task type of bpmn/README.md and the worker that executes it. */
export const TASK_WORKERS: readonly TaskWorker[] = [
  createSignalementWorker,
  issueMandateWorker,
  escalateWorker,
  reportBreachWorker,
  oldChannelWorker,
  applyRolloutSwitchWorker,
];

export interface RunningWorkers {
  readonly taskTypes: string[];
  /** Stops polling and waits for the jobs in hand to finish. */
  close(): Promise<void>;
}

/**
 * Opens one zeebe-node worker per task type. Jobs are held for 60 s (the engine hands them to
 * another worker after that), and polled with long polling, so a new job reaches us at once.
 */
export function startJobWorkers(
  zeebe: ZBClient,
  deps: WorkerDeps,
  workers: readonly TaskWorker[] = TASK_WORKERS,
): RunningWorkers {
  const running: ZBWorker<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>>[] =
    workers.map((w) =>
      zeebe.createWorker<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>>({
        taskType: w.taskType,
        taskHandler: (job) => w.handle(job, deps),
        maxJobsToActivate: 32,
        timeout: Duration.seconds.of(60),
        longPoll: Duration.seconds.of(30),
        // zeebe-node opens the next long poll only on this timer's tick after one ends: keep it short,
        // or a job arriving right after a batch waits for the tick.
        pollInterval: Duration.milliseconds.of(10),
        failProcessOnException: false,
        onConnectionError: () =>
          deps.ctx.logger.debug('job worker cannot reach the engine yet', { taskType: w.taskType }),
      }),
    );
  return {
    taskTypes: workers.map((w) => w.taskType),
    close: async () => {
      await Promise.all(running.map((w) => w.close(10_000)));
    },
  };
}
