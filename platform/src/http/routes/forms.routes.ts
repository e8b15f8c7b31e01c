import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../auth/need-to-know';
import { notFound } from '../../errors';
import type { ApiDeps } from '../api-deps';
import { principalOf } from '../request-context';
import { problems } from '../schemas/common';

/** The `forms` of a model deployment: Camunda Forms (form-js schemas) named `<form id>.form`. */
export const FORMS_BODY = {
  type: 'array',
  maxItems: 50,
  items: {
    type: 'object',
    required: ['fileName', 'schema'],
    additionalProperties: false,
    properties: {
      fileName: { type: 'string', maxLength: 105 },
      schema: { type: 'object', required: ['id'], additionalProperties: true },
    },
  },
};

/** The newest deployed version of a task form, for the modeler's form editor (analyst, admin). */
export function formRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Params: { formId: string } }>(
    '/api/forms/:formId',
    {
      schema: {
        operationId: 'getTaskForm',
        summary: 'The newest deployed version of a user-task form (form-js schema)',
        tags: ['models'],
        params: { type: 'object', properties: { formId: { type: 'string', maxLength: 100 } } },
        response: {
          200: {
            type: 'object',
            properties: {
              formId: { type: 'string' },
              version: { type: 'integer' },
              schema: { type: 'object', additionalProperties: true },
            },
          },
          ...problems(401, 403, 404),
        },
      },
    },
    async (request) => {
      requireRole(principalOf(request), 'analyst', 'admin');
      const form = await deps.taskForms.latest(request.params.formId);
      if (!form) throw notFound('form', request.params.formId);
      return form;
    },
  );
}
