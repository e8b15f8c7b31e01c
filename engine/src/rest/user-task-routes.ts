import type { UserTaskChangeset } from '../processor/user-tasks';
import { parseIsoDate } from './dates';
import { userTasks } from './entities/user-tasks';
import { TENANT } from './entities/item';
import { getByKey } from './get-by-key';
import { badRequest } from './problem';
import type { Reply, Route, RouteContext } from './route';
import { runSearch } from './search/run-search';

const KEY = '([^/]+)';
const path = (p: string) => new RegExp(`^/v2/${p}$`);
const noContent: Reply = { status: 204 };

/** Camunda 8.8's user-task endpoints: search, get, form; assign, unassign, update, complete. */
export const USER_TASK_ROUTES: Route[] = [
  {
    method: 'POST',
    path: path('user-tasks/search'),
    handle: (c, _p, b) => ({ status: 200, body: runSearch(c.db, userTasks, b) }),
  },
  {
    method: 'GET',
    path: path(`user-tasks/${KEY}/form`),
    handle: (c, [k]) => userTaskForm(c, k),
  },
  {
    method: 'GET',
    path: path(`user-tasks/${KEY}`),
    handle: (c, [k]) => ({ status: 200, body: getByKey(c.db, userTasks, k, 'user task') }),
  },
  {
    method: 'POST',
    path: path(`user-tasks/${KEY}/completion`),
    handle: async (c, [k], b) => {
      const body = object(b ?? {}, 'the body');
      const variables = body.variables ?? {};
      if (variables === null || typeof variables !== 'object' || Array.isArray(variables))
        throw badRequest('variables must be a JSON object of variable names and values');
      optionalString(body.action, 'action');
      await c.engine.completeUserTask(key(k), variables as Record<string, unknown>);
      return noContent;
    },
  },
  {
    method: 'POST',
    path: path(`user-tasks/${KEY}/assignment`),
    handle: async (c, [k], b) => {
      const body = object(b, 'the body');
      if (typeof body.assignee !== 'string' || body.assignee.trim() === '')
        throw badRequest('assignee must be a non-empty string (the user the task is assigned to)');
      if (
        body.allowOverride !== undefined &&
        body.allowOverride !== null &&
        typeof body.allowOverride !== 'boolean'
      )
        throw badRequest('allowOverride must be true or false');
      optionalString(body.action, 'action');
      await c.engine.assignUserTask(key(k), body.assignee, body.allowOverride !== false);
      return noContent;
    },
  },
  {
    method: 'DELETE',
    path: path(`user-tasks/${KEY}/assignee`),
    handle: async (c, [k]) => {
      await c.engine.unassignUserTask(key(k));
      return noContent;
    },
  },
  {
    method: 'PATCH',
    path: path(`user-tasks/${KEY}`),
    handle: async (c, [k], b) => {
      const body = object(b ?? {}, 'the body');
      optionalString(body.action, 'action');
      await c.engine.updateUserTask(key(k), changeset(body.changeset ?? {}));
      return noContent;
    },
  },
];

/** `GET /v2/user-tasks/{key}/form`: the linked form (204 when the task has none). */
function userTaskForm(c: RouteContext, k: string): Reply {
  const task = getByKey(c.db, userTasks, k, 'user task');
  if (task.formKey === undefined) return noContent;
  const form = c.db
    .prepare('SELECT key, form_id, version, resource FROM form WHERE key = ?')
    .get(Number(task.formKey)) as
    | { key: number; form_id: string; version: number; resource: string }
    | undefined;
  if (!form) return noContent;
  return {
    status: 200,
    body: {
      formKey: String(form.key),
      formId: form.form_id,
      version: form.version,
      schema: form.resource,
      tenantId: TENANT,
    },
  };
}

function changeset(value: unknown): UserTaskChangeset {
  const c = object(value, 'changeset');
  const allowed = ['candidateGroups', 'candidateUsers', 'dueDate', 'followUpDate', 'priority'];
  for (const name of Object.keys(c)) {
    if (!allowed.includes(name)) {
      throw badRequest(
        `changeset.${name} cannot be changed${name === 'assignee' ? ' here; use POST /v2/user-tasks/{userTaskKey}/assignment' : ''}; allowed: ${allowed.join(', ')}`,
      );
    }
  }
  const list = (v: unknown, name: string) => {
    if (v === undefined || v === null) return v;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
      throw badRequest(`changeset.${name} must be a list of strings`);
    return v as string[];
  };
  const date = (v: unknown, name: string) =>
    v === undefined || v === null ? v : v === '' ? ('clear' as const) : parseIsoDate(v, `changeset.${name}`);
  if (c.priority !== undefined && c.priority !== null) {
    if (typeof c.priority !== 'number' || !Number.isInteger(c.priority) || c.priority < 0 || c.priority > 100)
      throw badRequest(
        `changeset.priority must be a whole number from 0 to 100, but was ${JSON.stringify(c.priority)}`,
      );
  }
  return {
    candidateGroups: list(c.candidateGroups, 'candidateGroups'),
    candidateUsers: list(c.candidateUsers, 'candidateUsers'),
    dueDate: date(c.dueDate, 'dueDate'),
    followUpDate: date(c.followUpDate, 'followUpDate'),
    priority: c.priority as number | null | undefined,
  };
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw badRequest(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

function optionalString(value: unknown, name: string): void {
  if (value !== undefined && value !== null && typeof value !== 'string')
    throw badRequest(`${name} must be a string`);
}

function key(k: string): string {
  if (!/^\d{1,16}$/.test(k))
    throw badRequest(`'${k}' is not a user task key; keys are strings of digits such as "2251799813685249"`);
  return k;
}
