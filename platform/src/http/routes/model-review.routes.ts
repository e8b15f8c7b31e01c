import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../auth/need-to-know';
import { invalid } from '../../errors';
import { lintModel } from '../../models/model-lint';
import type { ApiDeps } from '../api-deps';
import { principalOf } from '../request-context';
import { problems } from '../schemas/common';
import type { ModelForm } from '../../models/model-forms';
import { FORMS_BODY } from './forms.routes';
import { deployedSchema, modelVersionSchema } from './models.routes';

const tags = ['models'];

const lintSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      rule: { type: 'string' },
      elementId: { type: 'string' },
      message: { type: 'string' },
      category: { type: 'string', enum: ['error', 'warn'] },
    },
  },
} as const;

const draftProperties = {
  id: { type: 'string' },
  bpmnProcessId: { type: 'string' },
  fileName: { type: 'string' },
  comment: { type: 'string' },
  baseVersion: { type: ['integer', 'null'] },
  source: { type: 'string', enum: ['file', 'web', 'api'] },
  status: { type: 'string', enum: ['draft', 'submitted', 'deploying', 'approved', 'rejected'] },
  createdBy: { type: 'string' },
  createdAt: { type: 'string' },
  updatedAt: { type: 'string' },
  reviewedBy: { type: ['string', 'null'] },
  reviewedAt: { type: ['string', 'null'] },
  reviewComment: { type: ['string', 'null'] },
  deployedVersion: { type: ['integer', 'null'] },
  formFiles: { type: 'array', items: { type: 'string' } },
} as const;
const draftSchema = { type: 'object', properties: draftProperties } as const;
const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^MD-\\d{6,}$' } },
} as const;
const reviewBody = {
  type: 'object',
  additionalProperties: false,
  properties: { comment: { type: 'string', maxLength: 2000 } },
} as const;
const xmlProperty = { type: 'string', minLength: 1, maxLength: 5 * 1024 * 1024 } as const;

/**
 * Drafts and their four-eyes review, the project's lint, and the conflicts between files of `bpmn/`
 * and versions people deployed (analyst, admin).
 */
export function modelReviewRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const analyst = (request: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(request);
    requireRole(p, 'analyst', 'admin');
    return p;
  };
  const drafts = () => deps.models.drafts;

  app.post<{ Body: { xml: string } }>(
    '/api/models/lint',
    {
      bodyLimit: 6 * 1024 * 1024,
      schema: {
        operationId: 'lintModel',
        summary:
          'The project’s lint rules (bpmn/bpmnlint-plugin-iplus) on a model, as the server runs them before a deploy',
        tags,
        body: {
          type: 'object',
          required: ['xml'],
          additionalProperties: false,
          properties: { xml: xmlProperty },
        },
        response: { 200: lintSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      analyst(request);
      return lintModel(request.body.xml);
    },
  );

  app.get(
    '/api/models/drafts',
    {
      schema: {
        operationId: 'listModelDrafts',
        summary:
          'Model drafts, newest change first, with their review status, and the review mode (four-eyes, or off: IPLUS_MODEL_REVIEW)',
        tags,
        response: {
          200: {
            type: 'object',
            required: ['reviewMode', 'items'],
            properties: {
              reviewMode: { type: 'string', enum: ['four-eyes', 'off'] },
              items: { type: 'array', items: draftSchema },
            },
          },
          ...problems(401, 403),
        },
      },
    },
    async (request) => {
      analyst(request);
      return { reviewMode: deps.models.reviewMode, items: await drafts().list() };
    },
  );

  app.post<{
    Body: { fileName: string; xml: string; comment?: string; baseVersion?: number; forms?: ModelForm[] };
  }>(
    '/api/models/drafts',
    {
      bodyLimit: 6 * 1024 * 1024,
      schema: {
        operationId: 'saveModelDraft',
        summary: 'Saves a model draft (nothing is deployed)',
        tags,
        body: {
          type: 'object',
          required: ['fileName', 'xml'],
          additionalProperties: false,
          properties: {
            fileName: { type: 'string', maxLength: 100 },
            xml: xmlProperty,
            comment: { type: 'string', maxLength: 2000 },
            baseVersion: { type: 'integer', minimum: 1 },
            forms: FORMS_BODY,
          },
        },
        response: { 201: draftSchema, ...problems(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const p = analyst(request);
      const { fileName, xml, comment, baseVersion, forms } = request.body;
      return reply
        .code(201)
        .send(
          await drafts().save(p, { fileName, xml, comment: comment ?? '', baseVersion, forms: forms ?? [] }),
        );
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/models/drafts/:id',
    {
      schema: {
        operationId: 'getModelDraft',
        summary: 'One draft with its XML and the project’s lint result',
        tags,
        params: idParams,
        response: {
          200: {
            type: 'object',
            properties: {
              ...draftProperties,
              xml: { type: 'string' },
              forms: FORMS_BODY,
              lint: lintSchema,
            },
          },
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      analyst(request);
      return drafts().get(request.params.id);
    },
  );

  app.put<{ Params: { id: string }; Body: { xml: string; comment?: string; forms?: ModelForm[] } }>(
    '/api/models/drafts/:id',
    {
      bodyLimit: 6 * 1024 * 1024,
      schema: {
        operationId: 'updateModelDraft',
        summary: 'Changes a draft (its author; a rejected draft becomes a draft again)',
        tags,
        params: idParams,
        body: {
          type: 'object',
          required: ['xml'],
          additionalProperties: false,
          properties: { xml: xmlProperty, comment: { type: 'string', maxLength: 2000 }, forms: FORMS_BODY },
        },
        response: { 200: draftSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const p = analyst(request);
      return drafts().update(p, request.params.id, {
        xml: request.body.xml,
        comment: request.body.comment ?? '',
        forms: request.body.forms ?? [],
      });
    },
  );

  const step = (
    path: string,
    operationId: string,
    summary: string,
    run: (p: ReturnType<typeof analyst>, id: string, comment: string) => Promise<unknown>,
  ) =>
    app.post<{ Params: { id: string }; Body: { comment?: string } | undefined }>(
      path,
      {
        schema: {
          operationId,
          summary,
          tags,
          params: idParams,
          description: `Body (optional, JSON): ${JSON.stringify(reviewBody)}`,
          response: { 200: draftSchema, ...problems(400, 401, 403, 404, 409, 422, 503) },
        },
      },
      async (request) => run(analyst(request), request.params.id, commentOf(request.body)),
    );
  step(
    '/api/models/drafts/:id/submit',
    'submitModelDraft',
    'Asks for review; 422 names each lint problem',
    (p, id) => drafts().submit(p, id),
  );
  step(
    '/api/models/drafts/:id/approve',
    'approveModelDraft',
    'A second analyst or an admin approves: the draft is deployed and becomes the newest version',
    (p, id, comment) => drafts().approve(p, id, comment),
  );
  step(
    '/api/models/drafts/:id/reject',
    'rejectModelDraft',
    'A second analyst or an admin rejects the draft, saying why',
    (p, id, comment) => drafts().reject(p, id, comment),
  );

  app.get(
    '/api/models/conflicts',
    {
      schema: {
        operationId: 'listModelConflicts',
        summary:
          'Files of bpmn/ that changed after a person deployed their process: the person’s version serves until an analyst chooses',
        tags,
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                resourceName: { type: 'string' },
                bpmnProcessIds: { type: 'array', items: { type: 'string' } },
                fileSha256: { type: 'string' },
                detectedAt: { type: 'string' },
                serving: { type: 'array', items: modelVersionSchema },
              },
            },
          },
          ...problems(401, 403),
        },
      },
    },
    async (request) => {
      analyst(request);
      return deps.models.seeding.conflicts();
    },
  );

  app.get<{ Params: { resourceName: string } }>(
    '/api/models/conflicts/:resourceName/xml',
    {
      schema: {
        operationId: 'getModelFileXml',
        summary: 'The file’s version of a model in conflict',
        tags,
        params: {
          type: 'object',
          required: ['resourceName'],
          properties: { resourceName: { type: 'string', pattern: '^[\\w.-]{1,100}\\.bpmn$' } },
        },
        response: {
          200: { description: 'BPMN XML', content: { 'application/xml': { schema: { type: 'string' } } } },
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      analyst(request);
      return reply
        .type('application/xml')
        .send(await deps.models.seeding.fileXml(request.params.resourceName));
    },
  );

  app.post<{ Params: { resourceName: string }; Body: { choice: 'file' | 'keep'; comment?: string } }>(
    '/api/models/conflicts/:resourceName/resolution',
    {
      schema: {
        operationId: 'resolveModelConflict',
        summary: 'Settles a conflict: file deploys the file’s version as the newest, keep keeps the person’s',
        tags,
        params: {
          type: 'object',
          required: ['resourceName'],
          properties: { resourceName: { type: 'string', pattern: '^[\\w.-]{1,100}\\.bpmn$' } },
        },
        body: {
          type: 'object',
          required: ['choice'],
          additionalProperties: false,
          properties: {
            choice: { type: 'string', enum: ['file', 'keep'] },
            comment: { type: 'string', maxLength: 2000 },
          },
        },
        response: { 200: deployedSchema, ...problems(400, 401, 403, 409, 422, 503) },
      },
    },
    async (request) => {
      const p = analyst(request);
      const deployed = await deps.models.seeding.resolve(
        request.params.resourceName,
        request.body.choice,
        p,
        request.body.comment ?? '',
      );
      return deployed.map((d) => ({ bpmnProcessId: d.bpmnProcessId, version: d.version, key: d.key }));
    },
  );
}

/** The optional `{ comment }` of a review step; no body means no comment. */
function commentOf(body: unknown): string {
  if (body === undefined || body === null) return '';
  const comment = (body as { comment?: unknown }).comment;
  if (
    typeof body !== 'object' ||
    (comment !== undefined && (typeof comment !== 'string' || comment.length > 2000))
  ) {
    throw invalid([
      { field: 'comment', code: 'invalid', message: 'comment is text of at most 2000 characters' },
    ]);
  }
  return comment ?? '';
}
