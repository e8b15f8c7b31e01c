import type { ActivatedJob } from '../runtime/runtime-api';
import { integer, key, list, object, optionalText, text, variablesJson } from './request-fields';
import type { Reply, Route } from './route';
import { withRootKeys } from './root-instances';

const KEY = '([^/]+)';
const path = (p: string) => new RegExp(`^/v2/${p}$`);
const noContent: Reply = { status: 204 };

export const JOB_ROUTES: Route[] = [
  {
    method: 'POST',
    path: path('jobs/activation'),
    handle: async (c, _p, b) => {
      const body = object(b, 'the body');
      const jobs = await c.engine.activateJobs({
        type: text(body.type, 'type'),
        worker: optionalText(body.worker, 'worker') ?? '',
        timeout: integer(body.timeout, 'timeout'),
        maxJobsToActivate: integer(body.maxJobsToActivate, 'maxJobsToActivate'),
        fetchVariable: list(body.fetchVariable, 'fetchVariable').map((v, i) =>
          text(v, `fetchVariable[${i}]`),
        ),
        requestTimeout: integer(body.requestTimeout, 'requestTimeout', 0),
      });
      return { status: 200, body: { jobs: withRootKeys(c.db, jobs.map(activatedJobItem)) } };
    },
  },
  {
    method: 'POST',
    path: path(`jobs/${KEY}/completion`),
    handle: async (c, [k], b) => {
      const body = object(b ?? {}, 'the body');
      await c.engine.completeJob(key(k, 'job'), variablesJson(body.variables));
      return noContent;
    },
  },
  {
    method: 'POST',
    path: path(`jobs/${KEY}/failure`),
    handle: async (c, [k], b) => {
      const body = object(b ?? {}, 'the body');
      await c.engine.failJob(
        key(k, 'job'),
        integer(body.retries, 'retries', 0),
        optionalText(body.errorMessage, 'errorMessage') ?? '',
        integer(body.retryBackOff, 'retryBackOff', 0),
        variablesJson(body.variables),
      );
      return noContent;
    },
  },
  {
    method: 'POST',
    path: path(`jobs/${KEY}/error`),
    handle: async (c, [k], b) => {
      const body = object(b, 'the body');
      await c.engine.throwError(
        key(k, 'job'),
        text(body.errorCode, 'errorCode'),
        optionalText(body.errorMessage, 'errorMessage') ?? '',
        variablesJson(body.variables),
      );
      return noContent;
    },
  },
];

/** 8.9's ActivatedJobResult: variables and headers as objects, the deadline in epoch milliseconds. */
function activatedJobItem(job: ActivatedJob): Record<string, unknown> {
  return {
    jobKey: job.key,
    type: job.type,
    processDefinitionId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion,
    processDefinitionKey: job.processDefinitionKey,
    processInstanceKey: job.processInstanceKey,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    customHeaders: JSON.parse(job.customHeaders) as Record<string, string>,
    worker: job.worker,
    retries: job.retries,
    deadline: Number(job.deadline),
    variables: JSON.parse(job.variables) as Record<string, unknown>,
    tenantId: job.tenantId,
    kind: 'BPMN_ELEMENT',
    listenerEventType: 'UNSPECIFIED',
    userTask: null,
    tags: [],
  };
}
