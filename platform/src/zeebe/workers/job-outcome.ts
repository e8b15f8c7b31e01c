import type { JOB_ACTION_ACKNOWLEDGEMENT, ZeebeJob } from 'zeebe-node';
import type { Logger } from '../../logger';
import { RecipientMismatch } from '../../mandates/process-recipient';

type Acknowledgement = typeof JOB_ACTION_ACKNOWLEDGEMENT;

/** A job as our workers receive it: variables are read defensively (the engine passes any JSON). */
export type IplusJob = Readonly<ZeebeJob<Record<string, unknown>>>;

/** What every handler must return: the compiler checks that each path completes, fails or throws. */
export type JobAction = Promise<Acknowledgement>;

/** Back-off before the next try: 1 s, 2 s, 4 s … capped at one minute. */
export function retryBackOffMs(retriesLeft: number, retriesAtStart = 3): number {
  const used = Math.max(0, retriesAtStart - retriesLeft);
  return Math.min(60_000, 1000 * 2 ** used);
}

/** A variable that must be a non-empty string; a missing one is a modelling error (incident). */
export function requireString(job: IplusJob, name: string): string {
  const v = job.variables[name];
  if (typeof v !== 'string' || v === '') {
    throw new MissingVariable(
      `job ${job.type} of ${job.bpmnProcessId}/${job.elementId} needs variable "${name}" (see bpmn/README.md)`,
    );
  }
  return v;
}

/** The job lacks a variable: retrying cannot help, so it goes straight to an incident. */
export class MissingVariable extends Error {}

/** gRPC NOT_FOUND: the job (or its process instance) no longer exists in the engine. */
function isGone(e: unknown): boolean {
  return (e as { code?: unknown }).code === 5;
}

/**
 * Runs a handler and turns what it throws into the right job action: a missing variable (or a
 * recipient the routing does not name) an incident at once (retries 0); anything else a failure with
 * one retry fewer and back-off, which becomes an incident (resolvable) once the retries are used up.
 * No worker throws a BPMN error: the models express business outcomes as gateway paths.
 * A job the engine no longer knows (timed out and handed to another worker, or its instance
 * cancelled) is let go: the engine has moved on, and telling it anything would only be refused.
 */
export async function settle(job: IplusJob, logger: Logger, run: () => JobAction): JobAction {
  try {
    return await run();
  } catch (e) {
    if (isGone(e)) {
      logger.debug('job no longer exists in the engine', { type: job.type, key: job.key });
      return job.forward();
    }
    const letGo = (what: string) => (err: unknown) => {
      logger.warn(`could not ${what} job`, { type: job.type, key: job.key, error: (err as Error).message });
      return job.forward();
    };
    const message = (e as Error).message ?? String(e);
    const retries =
      e instanceof MissingVariable || e instanceof RecipientMismatch ? 0 : Math.max(0, job.retries - 1);
    logger.warn('job failed', { type: job.type, key: job.key, retries, error: message });
    return job
      .fail({
        errorMessage: message.slice(0, 2000),
        retries,
        retryBackOff: retries > 0 ? retryBackOffMs(retries) : 0,
      })
      .catch(letGo('fail'));
  }
}
