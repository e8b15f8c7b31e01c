import { invalidArgument } from '../errors';
import type { ActivatedJob } from '../runtime/runtime-api';
import type { CommandBatcher } from './command-batcher';
import type { JobDispatcher, Poller } from './job-dispatcher';

export interface ActivateJobsRequest {
  type: string;
  worker: string;
  timeout: number;
  maxJobsToActivate: number;
  fetchVariable?: string[];
  requestTimeout?: number;
}

/**
 * ActivateJobs: activates what is there, or parks the request as a long poll until jobs come,
 * its time runs out, or the caller cancels.
 */
export class LongPolls {
  constructor(
    private readonly batcher: CommandBatcher,
    private readonly dispatcher: JobDispatcher,
    private readonly defaultLongPollMs: number,
    private readonly isClosed: () => boolean,
  ) {}

  /** Activates jobs; waits (long poll) up to `requestTimeout` when none is there. */
  activateJobs(
    req: ActivateJobsRequest,
    onCancel?: (cancel: () => void) => void,
    alive: () => boolean = () => true,
  ): Promise<ActivatedJob[]> {
    if (!req.type?.trim()) return Promise.reject(invalidArgument('Expected a job type, but it was blank'));
    if (!(req.timeout >= 1))
      return Promise.reject(
        invalidArgument(`Expected a job timeout of at least 1 ms, but was ${req.timeout}`),
      );
    if (!(req.maxJobsToActivate >= 1)) {
      return Promise.reject(
        invalidArgument(`Expected maxJobsToActivate to be at least 1, but was ${req.maxJobsToActivate}`),
      );
    }
    const request = {
      worker: req.worker,
      timeout: req.timeout,
      ...(req.fetchVariable?.length ? { fetchVariables: req.fetchVariable } : {}),
    };
    const requestTimeout = req.requestTimeout ?? 0;
    return new Promise((resolve, reject) => {
      let poller: Poller | undefined;
      let timer: NodeJS.Timeout | undefined;
      this.batcher
        .submit(() => {
          const jobs = this.dispatcher.activate(req.type, request, req.maxJobsToActivate);
          if (jobs.length === 0 && requestTimeout >= 0 && !this.isClosed()) {
            poller = {
              type: req.type,
              request,
              max: req.maxJobsToActivate,
              jobs: [],
              closed: false,
              responding: false,
              alive,
              respond: (found) => {
                clearTimeout(timer);
                resolve(found);
              },
            };
            this.dispatcher.addPoller(poller);
          }
          return jobs;
        }, true)
        .then((jobs) => {
          if (!poller) return resolve(jobs);
          const p = poller;
          timer = setTimeout(
            () => {
              if (p.responding) return;
              p.closed = true;
              this.dispatcher.removePoller(p);
              resolve([]);
            },
            requestTimeout > 0 ? requestTimeout : this.defaultLongPollMs,
          );
          onCancel?.(() => {
            clearTimeout(timer);
            if (p.responding) return;
            p.closed = true;
            this.dispatcher.removePoller(p);
          });
        }, reject);
    });
  }
}
