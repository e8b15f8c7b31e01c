import { decisionInstances, getDecisionInstance } from './entities/decision-instances';
import { elementInstances } from './entities/element-instances';
import { incidents } from './entities/incidents';
import { jobs } from './entities/jobs';
import { messageSubscriptions } from './entities/message-subscriptions';
import { processDefinitions } from './entities/process-definitions';
import { processInstances } from './entities/process-instances';
import { timers } from './entities/timers';
import { variable, variables } from './entities/variables';
import { getByKey } from './get-by-key';
import { badRequest, notFoundProblem } from './problem';
import { runSearch } from './search/run-search';
import { topology } from './topology';
import { USER_TASK_ROUTES } from './user-task-routes';
import { INSTANCE_OPERATION_ROUTES } from './instance-operation-routes';
import { COMMAND_ROUTES } from './command-routes';
import { JOB_ROUTES } from './job-routes';
import { INSTANCE_DELETION_ROUTES } from './instance-deletion-route';
import type { Reply, Route, RouteContext } from './route';

export type { EngineCommands } from './engine-commands';
export type { Reply, Route, RouteContext } from './route';

const ok = (body: unknown): Reply => ({ status: 200, body });
const KEY = '([^/]+)';
const path = (p: string) => new RegExp(`^/v2/${p}$`);

/** Every endpoint of the REST API (Camunda 8.9 Orchestration Cluster REST API v2 shapes). */
export const ROUTES: Route[] = [
  { method: 'GET', path: path('topology'), handle: (c) => ok(topology(c.gateway)) },

  {
    method: 'POST',
    path: path('process-definitions/search'),
    handle: (c, _p, b) => ok(runSearch(c.db, processDefinitions, b)),
  },
  {
    method: 'GET',
    path: path(`process-definitions/${KEY}/xml`),
    handle: (c, [key]) => {
      getByKey(c.db, processDefinitions, key, 'process definition');
      const row = c.db.prepare('SELECT resource FROM process_definition WHERE key = ?').get(Number(key)) as {
        resource: string;
      };
      return { status: 200, body: row.resource, type: 'text/xml; charset=utf-8' };
    },
  },
  {
    method: 'GET',
    path: path(`process-definitions/${KEY}`),
    handle: (c, [k]) => ok(getByKey(c.db, processDefinitions, k, 'process definition')),
  },

  {
    method: 'POST',
    path: path('process-instances/search'),
    handle: (c, _p, b) => ok(runSearch(c.db, processInstances, b)),
  },
  {
    method: 'GET',
    path: path(`process-instances/${KEY}`),
    handle: (c, [k]) => ok(getByKey(c.db, processInstances, k, 'process instance')),
  },

  {
    method: 'POST',
    path: path('element-instances/search'),
    handle: (c, _p, b) => ok(runSearch(c.db, elementInstances(c.names), b)),
  },
  {
    method: 'GET',
    path: path(`element-instances/${KEY}`),
    handle: (c, [k]) => ok(getByKey(c.db, elementInstances(c.names), k, 'element instance')),
  },

  { method: 'POST', path: path('variables/search'), handle: (c, _p, b) => ok(runSearch(c.db, variables, b)) },
  {
    method: 'GET',
    path: path(`variables/${KEY}`),
    handle: (c, [k]) => ok(getByKey(c.db, variable, k, 'variable')),
  },

  { method: 'POST', path: path('jobs/search'), handle: (c, _p, b) => ok(runSearch(c.db, jobs, b)) },
  { method: 'PATCH', path: path(`jobs/${KEY}`), handle: (c, [k], b) => updateJob(c, k, b) },

  { method: 'POST', path: path('incidents/search'), handle: (c, _p, b) => ok(runSearch(c.db, incidents, b)) },
  {
    method: 'GET',
    path: path(`incidents/${KEY}`),
    handle: (c, [k]) => ok(getByKey(c.db, incidents, k, 'incident')),
  },
  { method: 'POST', path: path(`incidents/${KEY}/resolution`), handle: (c, [k]) => resolveIncident(c, k) },

  {
    method: 'POST',
    path: path('message-subscriptions/search'),
    handle: (c, _p, b) => ok(runSearch(c.db, messageSubscriptions, b)),
  },

  {
    method: 'POST',
    path: path('decision-instances/search'),
    handle: (c, _p, b) => ok(runSearch(c.db, decisionInstances, b)),
  },
  {
    method: 'GET',
    path: path(`decision-instances/${KEY}`),
    handle: (c, [k]) => ok(getDecisionInstance(c.db, k)),
  },

  {
    method: 'POST',
    path: path('x-iplus/timers/search'),
    handle: (c, _p, b) => ok(runSearch(c.db, timers, b)),
  },
  ...USER_TASK_ROUTES,
  ...INSTANCE_OPERATION_ROUTES,
  ...INSTANCE_DELETION_ROUTES,
  ...COMMAND_ROUTES,
  ...JOB_ROUTES,
];

/** `PATCH /v2/jobs/{jobKey}` with `{ changeset: { retries, timeout } }`: through the engine, retries first. */
async function updateJob(c: RouteContext, jobKey: string, body: unknown): Promise<Reply> {
  const changeset = (body as { changeset?: unknown } | null)?.changeset as
    | Record<string, unknown>
    | undefined;
  if (!changeset || typeof changeset !== 'object' || Array.isArray(changeset)) {
    throw badRequest('the body must be { "changeset": { "retries": <number>, "timeout": <milliseconds> } }');
  }
  const present = (v: unknown) => v !== undefined && v !== null;
  for (const field of ['retries', 'timeout'] as const) {
    const v = changeset[field];
    if (present(v) && (typeof v !== 'number' || !Number.isInteger(v))) {
      throw badRequest(`changeset.${field} must be an integer of 1 or more, but was ${JSON.stringify(v)}`);
    }
  }
  if (!present(changeset.retries) && !present(changeset.timeout)) {
    throw badRequest('the changeset must have retries or timeout (or both)');
  }
  requireDigits(jobKey, 'job');
  if (present(changeset.retries)) await c.engine.updateJobRetries(jobKey, changeset.retries as number);
  if (present(changeset.timeout)) await c.engine.updateJobTimeout(jobKey, changeset.timeout as number);
  return { status: 204 };
}

/** `POST /v2/incidents/{incidentKey}/resolution`: through the engine; 404 when there is no such active incident. */
async function resolveIncident(c: RouteContext, incidentKey: string): Promise<Reply> {
  requireDigits(incidentKey, 'incident');
  const row = c.db.prepare('SELECT state FROM incident WHERE key = ?').get(Number(incidentKey)) as
    | { state: string }
    | undefined;
  if (!row) throw notFoundProblem(`Incident with key '${incidentKey}' not found`);
  await c.engine.resolveIncident(incidentKey);
  return { status: 204 };
}

function requireDigits(key: string, label: string): void {
  if (!/^\d{1,16}$/.test(key)) {
    throw badRequest(`'${key}' is not a ${label} key; keys are strings of digits such as "2251799813685249"`);
  }
}
