import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../api-deps';
import { justificationOf, principalOf } from '../request-context';
import { problems } from '../schemas/common';

const tags = ['tasks'];
const keyParams = {
  type: 'object',
  required: ['key'],
  properties: { key: { type: 'string', pattern: '^[0-9]{1,20}$' } },
};
const task = {
  type: 'object',
  additionalProperties: true,
  properties: {
    userTaskKey: { type: 'string' },
    name: { type: 'string' },
    state: { type: 'string' },
    assignee: { type: 'string' },
    elementId: { type: 'string' },
    candidateGroups: { type: 'array', items: { type: 'string' } },
    candidateUsers: { type: 'array', items: { type: 'string' } },
    processDefinitionId: { type: 'string' },
    processInstanceKey: { type: 'string' },
    creationDate: { type: 'string' },
    dueDate: { type: 'string' },
    overdue: { type: 'boolean' },
  },
};

/**
 * Human tasks (`/api/tasks`): the user's task list, claim, unassign and complete with the form's
 * variables. Any signed-in user; what they see is what is offered to them (tasks/README.md).
 */
export function taskRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/api/tasks',
    {
      schema: {
        operationId: 'listTasks',
        summary: 'Open user tasks of my agency or role, offered to me, or assigned to me; due first',
        tags,
        response: { 200: { type: 'array', items: task }, ...problems(401, 503) },
      },
    },
    async (request) => deps.tasks.list(principalOf(request)),
  );

  app.get<{ Params: { key: string } }>(
    '/api/tasks/:key',
    {
      schema: {
        operationId: 'getTask',
        summary: 'One task with its form; its variables only when I may see the case',
        tags,
        params: keyParams,
        response: {
          200: {
            type: 'object',
            additionalProperties: true,
            properties: {
              ...task.properties,
              form: { type: 'object', additionalProperties: true },
              variables: { type: 'object', additionalProperties: true },
              variablesHidden: { type: 'boolean' },
              decisionId: { type: 'string' },
            },
          },
          ...problems(400, 401, 403, 404, 503),
        },
      },
    },
    async (request) => deps.tasks.open(principalOf(request), request.params.key, justificationOf(request)),
  );

  app.post<{ Params: { key: string } }>(
    '/api/tasks/:key/claim',
    {
      schema: {
        operationId: 'claimTask',
        summary: 'Assigns the task to me; 409 when someone else holds it',
        tags,
        params: keyParams,
        response: { 200: task, ...problems(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => deps.tasks.claim(principalOf(request), request.params.key),
  );

  app.delete<{ Params: { key: string } }>(
    '/api/tasks/:key/assignee',
    {
      schema: {
        operationId: 'unassignTask',
        summary: 'Gives the task back to its candidate groups (its assignee or an admin)',
        tags,
        params: keyParams,
        response: { 200: task, ...problems(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => deps.tasks.unassign(principalOf(request), request.params.key),
  );

  app.post<{ Params: { key: string }; Body: { variables?: Record<string, unknown> } }>(
    '/api/tasks/:key/completion',
    {
      schema: {
        operationId: 'completeTask',
        summary: "Completes a task I claimed with its form's variables; 400 names a variable the form lacks",
        tags,
        params: keyParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { variables: { type: 'object', additionalProperties: true } },
        },
        response: { 204: { type: 'null' }, ...problems(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      await deps.tasks.complete(principalOf(request), request.params.key, request.body?.variables ?? {});
      return reply.code(204).send();
    },
  );
}
