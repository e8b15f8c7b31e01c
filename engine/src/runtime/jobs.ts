import { failedPrecondition, invalidArgument, notFound } from '../errors';
import type { ElementInstance, InstanceState, Job } from './instance-state';
import type { ActivatedJob, RuntimeApi } from './runtime-api';
import { isExpression } from '../feel';
import { evaluateInteger, evaluateString } from './expressions';
import type { Variables } from './variables';

export const TENANT = '<default>';

/** What a worker asked for when activating jobs. */
export interface ActivationRequest {
  worker: string;
  timeout: number;
  fetchVariables?: readonly string[];
}

/**
 * Jobs: created by task-like elements, activated by workers (with a deadline), completed,
 * failed (retries, back-off, incident when none are left) or answered with a BPMN error.
 */
export class Jobs {
  constructor(private readonly rt: RuntimeApi) {}

  create(ei: ElementInstance, headers?: Record<string, string>): void {
    const rt = this.rt;
    const def = ei.element.job!;
    // static type and retries (the common case) need no variables
    const context = isExpression(def.type) || isExpression(def.retries) ? rt.context(ei) : {};
    const type = evaluateString(def.type, context, 'the job type', rt.feel);
    if (!type.ok) return rt.raiseIncident(ei, 'EXTRACT_VALUE_ERROR', type.message);
    const retries = evaluateInteger(def.retries, context, 'the job retries', rt.feel);
    if (!retries.ok) return rt.raiseIncident(ei, 'EXTRACT_VALUE_ERROR', retries.message);
    const job: Job = {
      key: rt.keys.next(),
      type: type.value,
      state: 'ACTIVATABLE',
      instance: ei.instance,
      elementInstanceKey: ei.key,
      elementId: ei.element.id,
      retries: retries.value,
      customHeaders: JSON.stringify(headers ?? def.headers),
      creationTime: rt.now,
      persisted: false,
    };
    ei.instance.jobs.set(job.key, job);
    ei.data.jobKey = job.key;
    rt.store.elementChanged(ei);
    rt.store.jobChanged(job);
    rt.ports.jobAvailable(job);
  }

  /** Cancels the job of an element being terminated. */
  cancel(ei: ElementInstance): void {
    const key = ei.data.jobKey;
    if (key === undefined) return;
    const job = ei.instance.jobs.get(key);
    if (job) this.close(job, 'CANCELED');
    delete ei.data.jobKey;
  }

  /** Hands an activatable job to a worker until `now + timeout`. */
  activate(job: Job, request: ActivationRequest): ActivatedJob {
    const rt = this.rt;
    job.state = 'ACTIVATED';
    job.worker = request.worker;
    job.deadline = rt.now + request.timeout;
    rt.store.jobChanged(job);
    rt.ports.wakeAt(job.deadline);
    const p = job.instance.process;
    return {
      key: String(job.key),
      type: job.type,
      processInstanceKey: String(job.instance.key),
      bpmnProcessId: p.bpmnProcessId,
      processDefinitionVersion: p.version,
      processDefinitionKey: String(p.key),
      elementId: job.elementId,
      elementInstanceKey: String(job.elementInstanceKey),
      customHeaders: job.customHeaders,
      worker: request.worker,
      retries: job.retries,
      deadline: String(job.deadline),
      variables: rt.variables.visibleJson(job.instance, job.elementInstanceKey, request.fetchVariables),
      tenantId: TENANT,
    };
  }

  complete(job: Job, variables: Variables): void {
    if (job.state === 'FAILED' || job.state === 'ERROR_THROWN') {
      throw failedPrecondition(
        `Expected to complete job with key '${job.key}', but it is in state '${job.state}'; resolve its incident first`,
      );
    }
    const ei = this.elementOf(job);
    this.close(job, 'COMPLETED');
    delete ei.data.jobKey;
    this.rt.complete(ei, variables);
  }

  fail(job: Job, retries: number, errorMessage: string, backOff: number, variables: Variables): void {
    const rt = this.rt;
    if (job.state !== 'ACTIVATED') {
      throw failedPrecondition(
        `Expected to fail activated job with key '${job.key}', but it is in state '${job.state}'`,
      );
    }
    const ei = this.elementOf(job);
    rt.variables.setAllLocal(job.instance, ei.key, variables);
    job.retries = retries;
    job.errorMessage = errorMessage;
    job.worker = undefined;
    job.deadline = undefined;
    if (retries > 0 && backOff > 0) {
      job.state = 'FAILED';
      job.retryAt = rt.now + backOff;
      rt.ports.wakeAt(job.retryAt);
    } else if (retries > 0) {
      job.state = 'ACTIVATABLE';
      rt.ports.jobAvailable(job);
    } else {
      job.state = 'FAILED';
      rt.raiseIncident(ei, 'JOB_NO_RETRIES', errorMessage || 'No more retries left.', job.key);
    }
    rt.store.jobChanged(job);
  }

  throwError(job: Job, errorCode: string, errorMessage: string, variables: Variables): void {
    const rt = this.rt;
    if (job.state !== 'ACTIVATED' && job.state !== 'ACTIVATABLE') {
      throw failedPrecondition(
        `Expected to throw an error for job with key '${job.key}', but it is in state '${job.state}'`,
      );
    }
    const ei = this.elementOf(job);
    job.errorCode = errorCode;
    job.errorMessage = errorMessage;
    job.worker = undefined;
    job.deadline = undefined;
    job.state = 'ERROR_THROWN';
    rt.store.jobChanged(job);
    if (rt.throwError(ei, errorCode, errorMessage, variables)) return;
    rt.raiseIncident(
      ei,
      'UNHANDLED_ERROR_EVENT',
      `Expected to throw an error event with the code '${errorCode}'${errorMessage ? ` with message '${errorMessage}'` : ''}, but it was not caught. No error events are available in the scope.`,
      job.key,
    );
  }

  /** The worker's time is up: the job can be activated again. */
  timeOut(job: Job): void {
    if (job.state !== 'ACTIVATED' || (job.deadline ?? Infinity) > this.rt.now) return;
    job.state = 'ACTIVATABLE';
    job.worker = undefined;
    job.deadline = undefined;
    this.rt.store.jobChanged(job);
    this.rt.ports.jobAvailable(job);
  }

  /** The retry back-off is over. */
  backOffOver(job: Job): void {
    if (job.state !== 'FAILED' || job.retries <= 0 || (job.retryAt ?? Infinity) > this.rt.now) return;
    job.state = 'ACTIVATABLE';
    job.retryAt = undefined;
    this.rt.store.jobChanged(job);
    this.rt.ports.jobAvailable(job);
  }

  updateRetries(job: Job, retries: number): void {
    if (retries < 1) throw invalidArgument(`Expected retries to be greater than zero, but was ${retries}`);
    job.retries = retries;
    this.rt.store.jobChanged(job);
  }

  /** UpdateJobTimeout: the deadline of a job a worker holds becomes now + `timeout`. */
  updateTimeout(job: Job, timeout: number): void {
    if (timeout < 1) throw invalidArgument(`Expected timeout to be greater than zero, but was ${timeout}`);
    if (job.state !== 'ACTIVATED') {
      throw failedPrecondition(
        `Expected to update the timeout of job with key '${job.key}', but it is not activated by a worker`,
      );
    }
    job.deadline = this.rt.now + timeout;
    this.rt.store.jobChanged(job);
    this.rt.ports.wakeAt(job.deadline);
  }

  /** Resolving the job's incident makes it activatable again. */
  resolveIncident(job: Job): void {
    if (job.state === 'FAILED' && job.retries <= 0) {
      throw failedPrecondition(
        `Expected to resolve the incident of job with key '${job.key}', but the job has no retries left; call UpdateJobRetries first`,
      );
    }
    job.state = 'ACTIVATABLE';
    job.retryAt = undefined;
    this.rt.store.jobChanged(job);
    this.rt.ports.jobAvailable(job);
  }

  private close(job: Job, state: 'COMPLETED' | 'CANCELED'): void {
    job.state = state;
    job.endTime = this.rt.now;
    job.instance.jobs.delete(job.key);
    this.rt.store.jobChanged(job);
  }

  private elementOf(job: Job): ElementInstance {
    const ei = job.instance.elements.get(job.elementInstanceKey);
    if (!ei) throw notFound(`Expected to find the element instance of job '${job.key}', but it has ended`);
    return ei;
  }
}

/** The open job with this key, or a NOT_FOUND rejection. */
export function findJob(instance: InstanceState | undefined, jobKey: number, action: string): Job {
  const job = instance?.jobs.get(jobKey);
  if (!job) {
    throw notFound(`Expected to ${action} job with key '${jobKey}', but no such job was found`);
  }
  return job;
}
