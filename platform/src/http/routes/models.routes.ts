import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../auth/need-to-know';
import { notFound } from '../../errors';
import type { ApiDeps } from '../api-deps';
import { principalOf } from '../request-context';
import { problems } from '../schemas/common';
import { FORMS_BODY } from './forms.routes';
import type { FormResource } from '../../tasks/task-forms';

const tags = ['models'];

/** Deployed process models (analyst, admin): list, XML, deploy. */
export function modelRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/api/models',
    {
      schema: {
        operationId: 'listModels',
        summary: 'Deployed process versions',
        tags,
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                bpmnProcessId: { type: 'string' },
                version: { type: 'integer' },
                key: { type: 'string' },
                deployedAt: { type: 'string' },
                deployedBy: { type: 'string' },
              },
            },
          },
          ...problems(401, 403),
        },
      },
    },
    async (request) => {
      requireRole(principalOf(request), 'analyst', 'admin', 'coordinator');
      return deps.models.list();
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
      const xml = await deps.models.xml(request.params.bpmnProcessId, request.query.version);
      if (xml === undefined) throw notFound('process model', request.params.bpmnProcessId);
      return reply.type('application/xml').send(xml);
    },
  );

  app.post<{ Body: { fileName: string; xml: string; forms?: FormResource[] } }>(
    '/api/models',
    {
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        operationId: 'deployModel',
        summary: 'Deploys a BPMN model to the engine; 422 carries the engine’s message',
        tags,
        body: {
          type: 'object',
          required: ['fileName', 'xml'],
          additionalProperties: false,
          properties: {
            fileName: { type: 'string', maxLength: 100 },
            xml: { type: 'string', minLength: 1 },
            forms: FORMS_BODY,
          },
        },
        response: {
          201: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                bpmnProcessId: { type: 'string' },
                version: { type: 'integer' },
                key: { type: 'string' },
              },
            },
          },
          ...problems(400, 401, 403, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      requireRole(p, 'analyst', 'admin');
      // the forms of the model's user tasks go first, so its tasks find them (tasks/task-forms.ts)
      await deps.taskForms.deployFor(request.body.xml, request.body.forms ?? [], p.user);
      const deployed = await deps.models.deploy(request.body.fileName, request.body.xml, p.user);
      await deps.ctx.audit.append({
        user: p.user,
        agencyId: p.agencyId,
        action: 'model.deploy',
        object: request.body.fileName,
        outcome: 'ok',
      });
      return reply
        .code(201)
        .send(deployed.map((d) => ({ bpmnProcessId: d.bpmnProcessId, version: d.version, key: d.key })));
    },
  );
}
