import { invalidArgument } from '../errors';
import type { ActivatedJob } from '../runtime/runtime-api';
import type { JobDispatcher } from './job-dispatcher';

/** StreamActivatedJobs: pushes jobs of a type to `push` as they become activatable; returns a function that stops it. */
export function openJobStream(
  dispatcher: JobDispatcher,
  req: { type: string; worker: string; timeout: number; fetchVariable?: string[] },
  push: (job: ActivatedJob) => void,
): () => void {
  if (!req.type?.trim()) throw invalidArgument('Expected a job type, but it was blank');
  if (!(req.timeout >= 1))
    throw invalidArgument(`Expected a job timeout of at least 1 ms, but was ${req.timeout}`);
  const stream = {
    type: req.type,
    request: {
      worker: req.worker || 'stream',
      timeout: req.timeout,
      ...(req.fetchVariable?.length ? { fetchVariables: req.fetchVariable } : {}),
    },
    push,
    closed: false,
  };
  dispatcher.addStream(stream);
  return () => dispatcher.removeStream(stream);
}
