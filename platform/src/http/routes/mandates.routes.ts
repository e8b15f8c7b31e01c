import { MANDATE_KINDS, MANDATE_STATUSES } from '@iplus/contract';
import type { FastifyInstance } from 'fastify';
import { createMandateByHand } from '../../mandates/create-mandate';
import { acknowledgeMandate, registerCallback, reportMandate } from '../../mandates/mandate-actions';
import { inbox, inboxChanges, readMandate, readMandateDocument, viewOf } from '../../views/mandate-queries';
import type { ApiDeps } from '../api-deps';
import { auditedList } from '../audited-list';
import { preparePdf } from '../send-pdf';
import { justificationOf, principalOf } from '../request-context';
import { justificationHeader, pdfResponse, page, pagingQuery, problems } from '../schemas/common';

const tags = ['mandates'];
const idParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^M-\\d{6,}-[A-Z]+(-\\d+)?$' } },
} as const;

/** The longest wait for an inbox's change (below the usual 30 s or 60 s idle timeout of a proxy). */
const MAX_WAIT_SECONDS = 25;

/** The mandate inbox, its changes, one mandate, issue by hand, acknowledge, report, callbacks. */
export function mandateRoutes(app: FastifyInstance, deps: ApiDeps): void {
  // A server that stops answers its waiting clients at once rather than holding its close for them.
  const closing = new AbortController();
  app.addHook('preClose', async () => closing.abort());

  app.post<{ Body: { decisionId: string; kind: string; recipientId?: string; deadline?: string } }>(
    '/api/mandates',
    {
      schema: {
        operationId: 'issueMandate',
        summary:
          'Issues a mandate by hand (routed when no recipient is given); followed up by process mandate-follow-up. 409 when the measure has ended or was revoked',
        tags,
        headers: justificationHeader,
        body: {
          type: 'object',
          required: ['decisionId', 'kind'],
          additionalProperties: false,
          properties: {
            decisionId: { type: 'string', pattern: '^D-\\d{6,}$' },
            kind: { type: 'string', enum: [...MANDATE_KINDS] },
            recipientId: { type: 'string', maxLength: 64 },
            deadline: {
              type: 'string',
              maxLength: 40,
              description: 'ISO 8601 duration (PT24H) or ISO time; default IPLUS_ACK_DEADLINE',
            },
          },
        },
        response: { 201: { $ref: 'Mandate#' }, ...problems(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const id = await createMandateByHand(
        deps.ctx,
        deps.routeCase,
        principalOf(request),
        request.body,
        justificationOf(request),
      );
      return reply.code(201).send(await viewOf(deps.ctx, id));
    },
  );

  app.get<{
    Querystring: { status?: string; kind?: string; overdue?: boolean; limit: number; cursor?: string };
  }>(
    '/api/mandates',
    {
      schema: {
        operationId: 'listMandates',
        summary: "The caller's agency inbox, sorted by deadline",
        tags,
        headers: justificationHeader,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: [...MANDATE_STATUSES] },
            kind: { type: 'string', enum: [...MANDATE_KINDS] },
            overdue: { type: 'boolean' },
            ...pagingQuery,
          },
        },
        response: { 200: page('Mandate'), ...problems(400, 401, 403) },
      },
    },
    async (request) =>
      auditedList(deps.ctx.audit, request, 'mandate.list', () =>
        inbox(deps.ctx, principalOf(request), { ...request.query, justification: justificationOf(request) }),
      ),
  );

  app.get<{ Querystring: { since?: string; waitSeconds: number } }>(
    '/api/mandates/changes',
    {
      schema: {
        operationId: 'waitForInboxChange',
        summary:
          "Waits for the caller's inbox to change (a mandate issued to it, or one of its mandates changing recipient, status or overdue flag), instead of reading the inbox again and again. Without since: answers at once with the inbox's position (token). With since: answers at once when the inbox changed after that token, otherwise once it changes or after waitSeconds; changed says which. No personal data; read the inbox when changed is true. A token is valid on the instance that gave it: another instance answers changed",
        tags,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            since: { type: 'string', maxLength: 200, description: 'the token of a previous answer' },
            waitSeconds: { type: 'integer', minimum: 0, maximum: MAX_WAIT_SECONDS, default: 0 },
          },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['token', 'changed'],
            properties: {
              token: { type: 'string', description: "the inbox's position now: the next call's since" },
              changed: { type: 'boolean', description: 'whether the inbox changed after since' },
            },
          },
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      // The wait ends when the client leaves or the server stops.
      const stop = new AbortController();
      const abort = () => stop.abort();
      reply.raw.once('close', abort);
      closing.signal.addEventListener('abort', abort, { once: true });
      if (closing.signal.aborted) abort();
      try {
        return await auditedList(deps.ctx.audit, request, 'mandate.changes', () =>
          inboxChanges(deps.ctx, principalOf(request), request.query, stop.signal),
        );
      } finally {
        closing.signal.removeEventListener('abort', abort);
        reply.raw.off('close', abort);
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/mandates/:id',
    {
      schema: {
        operationId: 'getMandate',
        summary: 'One mandate (403, audited, for another agency’s mandate)',
        tags,
        headers: justificationHeader,
        params: idParams,
        response: { 200: { $ref: 'Mandate#' }, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      readMandate(deps.ctx, principalOf(request), request.params.id, justificationOf(request)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/mandates/:id/document',
    {
      schema: {
        operationId: 'getMandateDocument',
        summary: "The PDF of the mandate's decision, for whoever may read the mandate (its recipient)",
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
      const send = await readMandateDocument(
        deps.ctx,
        principalOf(request),
        request.params.id,
        justificationOf(request),
        (doc) => preparePdf(reply, doc),
      );
      return send();
    },
  );

  app.post<{ Params: { id: string }; Body: { note?: string } | undefined }>(
    '/api/mandates/:id/acknowledge',
    {
      schema: {
        operationId: 'acknowledgeMandate',
        summary: 'Acknowledges a mandate (idempotent); the process goes on and callbacks fire',
        tags,
        headers: justificationHeader,
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { note: { type: 'string', maxLength: 2000 } },
        },
        response: { 200: { $ref: 'Mandate#' }, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await acknowledgeMandate(
        deps.ctx,
        principalOf(request),
        request.params.id,
        request.body?.note,
        justificationOf(request),
      );
      return viewOf(deps.ctx, request.params.id);
    },
  );

  app.post<{ Params: { id: string }; Body: { outcome: string; text?: string } }>(
    '/api/mandates/:id/report',
    {
      schema: {
        operationId: 'reportMandate',
        summary: 'Reports the outcome; breach outcomes set report.breach and notify the parquet',
        tags,
        headers: justificationHeader,
        params: idParams,
        body: {
          type: 'object',
          required: ['outcome'],
          additionalProperties: false,
          properties: {
            outcome: { type: 'string', enum: [...deps.ctx.rules.reportOutcomes] },
            text: { type: 'string', maxLength: 2000 },
          },
        },
        response: { 200: { $ref: 'Mandate#' }, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await reportMandate(
        deps.ctx,
        principalOf(request),
        request.params.id,
        request.body,
        justificationOf(request),
      );
      return viewOf(deps.ctx, request.params.id);
    },
  );

  app.post<{ Params: { id: string }; Body: { url: string } }>(
    '/api/mandates/:id/callbacks',
    {
      schema: {
        operationId: 'registerMandateCallback',
        summary:
          'Registers a URL POSTed { event: "mandate.acknowledged", mandate } once the mandate is acknowledged (at once if it is)',
        description: 'Retried with exponential back-off until a 2xx answer, for up to 24 hours.',
        tags,
        headers: justificationHeader,
        params: idParams,
        body: {
          type: 'object',
          required: ['url'],
          additionalProperties: false,
          properties: { url: { type: 'string', maxLength: 2000 } },
        },
        response: {
          201: {
            type: 'object',
            required: ['id', 'url'],
            properties: { id: { type: 'string' }, url: { type: 'string' } },
          },
          ...problems(400, 401, 403, 404, 422),
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await registerCallback(
            deps.ctx,
            principalOf(request),
            request.params.id,
            request.body.url,
            justificationOf(request),
          ),
        ),
  );
}
