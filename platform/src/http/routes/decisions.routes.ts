import { DECISION_STATUSES } from '@iplus/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readDecision, readDocument, listDecisions } from '../../views/decision-queries';
import { receiveDecision, type UploadRequest } from '../../decisions/upload-decision';
import { UserError } from '../../errors';
import type { ApiDeps } from '../api-deps';
import { auditedList } from '../audited-list';
import type { OpenApiRouteConfig } from '../openapi';
import { justificationOf, principalOf } from '../request-context';
import { preparePdf } from '../send-pdf';
import type {} from '@fastify/multipart';
import { justificationHeader, pdfResponse, page, pagingQuery, problems } from '../schemas/common';

const tags = ['decisions'];

const idParams = { type: 'object', properties: { id: { type: 'string', pattern: '^D-\\d{6,}$' } } } as const;

/** POST/GET decisions and the decision document. */
export function decisionRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const maxDoc = deps.ctx.settings.maxDocumentBytes;
  const multipart: OpenApiRouteConfig = {
    openapiRequestContent: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: ['document', 'decision'],
          properties: {
            document: {
              type: 'string',
              contentMediaType: 'application/pdf',
              description: `the decision, a PDF of at most ${maxDoc} bytes`,
            },
            decision: {
              type: 'string',
              contentMediaType: 'application/json',
              description: 'a DecisionInput as JSON text',
            },
          },
        },
      },
    },
  };

  app.post<{ Body: { decision: unknown; document: { fileName?: string; contentBase64: string } } }>(
    '/api/decisions',
    {
      bodyLimit: Math.ceil((maxDoc * 4) / 3) + 512 * 1024,
      config: multipart,
      schema: {
        operationId: 'uploadDecision',
        summary: 'Uploads a release decision (PDF + structured data); idempotent on its reference',
        description:
          '201: new decision, its process started. 200: the same reference with the same content was uploaded before (same answer). ' +
          '409: the same reference with different content. The decision part is a DecisionInput (components/schemas/DecisionInput), ' +
          'validated by the domain rules, every problem reported at once with its field path. ' +
          'Parquet clerks upload any measure; a prison officer only a prison_leave (authority minister or prison_director), for its own prison ' +
          '(403 for another measure or another prison).',
        tags,
        headers: justificationHeader,
        body: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['decision', 'document'],
                additionalProperties: false,
                properties: {
                  decision: { type: 'object', description: 'a DecisionInput' },
                  document: {
                    type: 'object',
                    required: ['contentBase64'],
                    additionalProperties: false,
                    properties: {
                      fileName: { type: 'string', maxLength: 255 },
                      contentBase64: {
                        type: 'string',
                        pattern: '^[A-Za-z0-9+/\\s]*={0,2}\\s*$',
                        description: 'the PDF, base64-encoded',
                      },
                    },
                  },
                },
              },
            },
          },
        },
        response: {
          200: { $ref: 'Decision#' },
          201: { $ref: 'Decision#' },
          ...problems(400, 401, 403, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const upload = request.isMultipart() ? await readMultipart(request, maxDoc) : readJson(request.body);
      upload.justification = justificationOf(request);
      const { status, view } = await receiveDecision(deps.ctx, p, upload);
      return reply.code(status).send(view);
    },
  );

  app.get<{ Querystring: { status?: string; limit: number; cursor?: string } }>(
    '/api/decisions',
    {
      schema: {
        operationId: 'listDecisions',
        summary:
          "The caller's decisions, newest first (parquet: its own; coordinator: its province; prison: its releases; admin: all)",
        tags,
        headers: justificationHeader,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: [...DECISION_STATUSES] },
            ...pagingQuery,
            cursor: { ...pagingQuery.cursor, pattern: '^[0-9a-z]{1,12}$' },
          },
        },
        response: { 200: page('DecisionSummary'), ...problems(400, 401, 403) },
      },
    },
    async (request) =>
      auditedList(deps.ctx.audit, request, 'decision.list', () =>
        listDecisions(deps.ctx, principalOf(request), {
          ...request.query,
          justification: justificationOf(request),
        }),
      ),
  );

  app.get<{ Params: { id: string } }>(
    '/api/decisions/:id',
    {
      schema: {
        operationId: 'getDecision',
        summary: 'A decision with its routing, signalement, mandates and timeline',
        tags,
        headers: justificationHeader,
        params: idParams,
        response: { 200: { $ref: 'Decision#' }, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      readDecision(deps.ctx, principalOf(request), request.params.id, justificationOf(request)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/decisions/:id/document',
    {
      schema: {
        operationId: 'getDecisionDocument',
        summary: 'The decision document (PDF)',
        tags,
        headers: justificationHeader,
        params: idParams,
        response: {
          200: pdfResponse,
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const send = await readDocument(
        deps.ctx,
        principalOf(request),
        request.params.id,
        justificationOf(request),
        (doc) => preparePdf(reply, doc),
      );
      return send();
    },
  );
}

function readJson(body: {
  decision: unknown;
  document: { fileName?: string; contentBase64: string };
}): UploadRequest {
  return {
    decision: body.decision,
    document: {
      fileName: body.document.fileName ?? 'decision.pdf',
      bytes: Buffer.from(body.document.contentBase64, 'base64'),
    },
  };
}

async function readMultipart(request: FastifyRequest, maxDoc: number): Promise<UploadRequest> {
  const upload: UploadRequest = { decision: undefined, document: undefined };
  let decisionText: string | undefined;
  try {
    for await (const part of request.parts({
      limits: { fileSize: maxDoc, files: 1, fields: 4, parts: 6, fieldSize: 1024 * 1024 },
    })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'document')
          upload.document = { fileName: part.filename || 'decision.pdf', bytes };
      } else if (part.fieldname === 'decision') {
        decisionText = String(part.value);
      }
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new UserError({
        status: 413,
        code: 'document_too_large',
        title: 'Document too large',
        detail: `the document is larger than ${maxDoc} bytes (IPLUS_MAX_DOCUMENT_BYTES)`,
        errors: [{ field: 'document', code: 'document_too_large', message: `the limit is ${maxDoc} bytes` }],
      });
    }
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
      throw new UserError({
        status: 413,
        code: 'body_too_large',
        title: 'Too many parts',
        detail:
          'the upload has more parts than a decision needs; send one "decision" field and one "document" file',
      });
    }
    if (e instanceof UserError || (e as { statusCode?: number }).statusCode) throw e;
    // busboy's own errors (no boundary, a part cut short, too many parts): the body is malformed.
    throw new UserError({
      status: 400,
      code: 'bad_request',
      title: 'Multipart body unreadable',
      detail: `the multipart body cannot be read (${(e as Error).message}); send multipart/form-data with a boundary and the parts "decision" and "document", as an HTML form or curl -F does`,
    });
  }
  if (decisionText === undefined) {
    throw new UserError({
      status: 400,
      code: 'validation_failed',
      title: 'Decision missing',
      detail: 'send the decision as a multipart field "decision" holding JSON',
      errors: [{ field: 'decision', code: 'required', message: 'add the "decision" part (JSON text)' }],
    });
  }
  try {
    upload.decision = JSON.parse(decisionText);
  } catch (e) {
    throw new UserError({
      status: 400,
      code: 'validation_failed',
      title: 'Decision is not JSON',
      detail: `the "decision" part is not valid JSON: ${(e as Error).message}`,
      errors: [{ field: 'decision', code: 'invalid_type', message: 'the decision part must be JSON text' }],
    });
  }
  return upload;
}
