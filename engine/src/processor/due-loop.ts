import type { Clock } from '../clock/clock';
import type { Job } from '../runtime/instance-state';
import type { InstanceStore } from '../runtime/instance-store';
import type { Runtime } from '../runtime/runtime';
import type { EventRows } from '../state/event-rows';
import type { CommandBatcher } from './command-batcher';
import type { DueScheduler } from './due-scheduler';
import type { Logger } from './engine-config';

export interface DueLoopParts {
  batcher: CommandBatcher;
  scheduler: DueScheduler;
  store: InstanceStore;
  eventRows: EventRows;
  runtime: Runtime;
  clock: Clock;
  logger: Logger;
  isClosed: () => boolean;
}

/**
 * What the due scheduler wakes: collects due timers, job deadlines and retry back-offs, runs each
 * as its own command (a failing one does not hold back the others), then re-arms the scheduler.
 */
export function processDue(parts: DueLoopParts): void {
  const { batcher, scheduler, store, eventRows, runtime: rt, clock, logger } = parts;
  if (parts.isClosed()) return;
  batcher
    .submit(() => scheduler.collectDue(rt.now), true)
    .then((due) => {
      const jobs = (keys: number[], act: (job: Job) => void) =>
        keys.map((k) =>
          batcher.submit(() => {
            const job = store.instanceOfJob(k).instance?.jobs.get(k);
            if (job) act(job);
          }, true),
        );
      const all = [
        ...due.timers.map((k) =>
          batcher.submit(() => {
            const row = eventRows.selectTimer.get(k);
            if (row && row.state === 'CREATED' && row.due_date <= rt.now) rt.fireTimer(row);
          }, true),
        ),
        ...jobs(due.jobDeadlines, (job) => rt.jobs.timeOut(job)),
        ...jobs(due.jobRetries, (job) => rt.jobs.backOffOver(job)),
      ];
      return Promise.allSettled(all);
    })
    .then((results) => {
      const failed = results.some((r) => r.status === 'rejected');
      if (failed)
        logger.warn('engine: a due timer or job deadline could not be processed; retrying in a second');
      return batcher.submit(() => scheduler.rearm(failed ? clock.now() + 1000 : -Infinity), true);
    })
    .catch((e) => logger.warn(`engine: processing due timers failed: ${(e as Error).message}`));
}
