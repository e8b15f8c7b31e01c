import { Duration, type ZBClient, type ZBWorker } from 'zeebe-node';
import { applyRolloutSwitchWorker } from './workers/apply-rollout-switch.worker';
import { createSignalementWorker } from './workers/create-signalement.worker';
import { escalateWorker } from './workers/escalate.worker';
import { issueMandateWorker } from './workers/issue-mandate.worker';
import { oldChannelWorker } from './workers/old-channel.worker';
import { reportBreachWorker } from './workers/report-breach.worker';
import { endMeasureWorker } from './workers/end-measure.worker';
import { moveDomicileWorker } from './workers/move-domicile.worker';
import { remindWorker } from './workers/remind.worker';
import { reportOverdueWorker } from './workers/report-overdue.worker';
import { requestReportWorker } from './workers/request-report.worker';
import { recordFollowUpWorker } from './workers/record-follow-up.worker';
import { reviseMeasureWorker } from './workers/revise-measure.worker';
import type { TaskWorker, WorkerDeps } from './workers/worker-deps';
import type { IplusJob, JobAction } from './workers/job-outcome';
import type { JobOutcome, PlatformMetrics } from '../metrics/platform-metrics';
import { withRequestId } from '../trace/request-trace';

/** Every task type of bpmn/README.md and the worker that executes it. */
export const TASK_WORKERS: readonly TaskWorker[] = [
  createSignalementWorker,
  issueMandateWorker,
  escalateWorker,
  reportBreachWorker,
  oldChannelWorker,
  applyRolloutSwitchWorker,
  remindWorker,
  reportOverdueWorker,
  requestReportWorker,
  endMeasureWorker,
  reviseMeasureWorker,
  moveDomicileWorker,
  recordFollowUpWorker,
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
  metrics?: PlatformMetrics,
): RunningWorkers {
  const running: ZBWorker<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>>[] =
    workers.map((w) =>
      zeebe.createWorker<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>>({
        taskType: w.taskType,
        taskHandler: (job) => observed(w, job, deps, metrics),
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

/**
 * Runs a handler under the request id the process carries (variable `requestId`), times it, and
 * logs one debug line per job: type, job key, decision id, outcome and time; never its variables.
 */
function observed(w: TaskWorker, job: IplusJob, deps: WorkerDeps, metrics?: PlatformMetrics): JobAction {
  const started = process.hrtime.bigint();
  let outcome: JobOutcome = 'completed';
  const watched: IplusJob = Object.freeze({
    ...job,
    fail: ((...args: [never]) => ((outcome = 'failed'), job.fail(...args))) as IplusJob['fail'],
    error: ((...args: [never]) => ((outcome = 'error'), job.error(...args))) as IplusJob['error'],
    forward: () => ((outcome = 'forwarded'), job.forward()),
  });
  return withRequestId(job.variables.requestId, async () => {
    try {
      return await w.handle(watched, deps);
    } catch (e) {
      outcome = 'failed';
      throw e;
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics?.observeJob(w.taskType, outcome, seconds);
      const decisionId = job.variables.decisionId;
      deps.ctx.logger.debug('job handled', {
        type: w.taskType,
        key: job.key,
        ...(typeof decisionId === 'string' ? { decisionId } : {}),
        outcome,
        ms: Math.round(seconds * 1000),
      });
    }
  });
}
