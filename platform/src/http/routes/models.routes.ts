import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../auth/need-to-know';
import { notFound } from '../../errors';
import type { ApiDeps } from '../api-deps';
import { principalOf } from '../request-context';
import { problems } from '../schemas/common';
import { FORMS_BODY } from './forms.routes';
import type { FormResource } from '../../tasks/task-forms';

const tags = ['models'];

export const modelVersionSchema = {
  type: 'object',
  properties: {
    bpmnProcessId: { type: 'string' },
    version: { type: 'integer' },
    key: { type: 'string' },
    resourceName: { type: 'string' },
    deployedAt: { type: 'string' },
    deployedBy: { type: 'string' },
    source: { type: 'string', enum: ['file', 'web', 'api'] },
    comment: { type: 'string' },
    approvedBy: { type: ['string', 'null'] },
  },
} as const;

export const deployedSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: { bpmnProcessId: { type: 'string' }, version: { type: 'integer' }, key: { type: 'string' } },
  },
} as const;

/** Deployed process models (analyst, admin; coordinators read): the history, XML, direct deploy. */
export function modelRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/api/models',
    {
      schema: {
        operationId: 'listModels',
        summary: 'Every version of every process model, newest first, with author, time, comment and source',
        tags,
        response: { 200: { type: 'array', items: modelVersionSchema }, ...problems(401, 403) },
      },
    },
    async (request) => {
      requireRole(principalOf(request), 'analyst', 'admin', 'coordinator');
      return deps.models.history.list();
    },
  );

  app.get<{ Params: { bpmnProcessId: string }; Querystring: { version?: number } }>(
    '/api/models/:bpmnProcessId/xml',
    {
      schema: {
        operationId: 'getModelXml',
        summary: 'The BPMN XML of a process version (latest by default)',
        tags,
        params: { type: 'object', properties: { bpmnProcessId: { type: 'string', maxLength: 200 } } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { version: { type: 'integer', minimum: 1 } },
        },
        response: {
          200: { description: 'BPMN XML', content: { 'application/xml': { schema: { type: 'string' } } } },
          ...problems(401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      requireRole(principalOf(request), 'analyst', 'admin', 'coordinator');
      const xml = await deps.models.history.xml(request.params.bpmnProcessId, request.query.version);
      if (xml === undefined) throw notFound('process model', request.params.bpmnProcessId);
      return reply.type('application/xml').send(xml);
    },
  );

  app.post<{ Body: { fileName: string; xml: string; comment?: string; forms?: FormResource[] } }>(
    '/api/models',
    {
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        operationId: 'deployModel',
        summary:
          'Deploys a BPMN model at once, only where review is off (IPLUS_MODEL_REVIEW=off; else 409 review_required: use a draft); 422 names each lint problem or carries the engine’s message',
        tags,
        body: {
          type: 'object',
          required: ['fileName', 'xml'],
          additionalProperties: false,
          properties: {
            fileName: { type: 'string', maxLength: 100 },
            xml: { type: 'string', minLength: 1 },
            comment: { type: 'string', maxLength: 2000 },
            forms: FORMS_BODY,
          },
        },
        response: { 201: deployedSchema, ...problems(400, 401, 403, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      requireRole(p, 'analyst', 'admin');
      // the forms of the model's user tasks go first, so its tasks find them (tasks/task-forms.ts)
      const deployed = await deps.models.deployDirectly(p, {
        fileName: request.body.fileName,
        xml: request.body.xml,
        comment: request.body.comment ?? '',
        forms: request.body.forms ?? [],
      });
      return reply
        .code(201)
        .send(deployed.map((d) => ({ bpmnProcessId: d.bpmnProcessId, version: d.version, key: d.key })));
    },
  );
}
