import type { FastifyInstance } from 'fastify';
import { createSignalementByHand, readSignalement } from '../../signalements/signalement-queries';
import type { ApiDeps } from '../api-deps';
import { justificationOf, principalOf } from '../request-context';
import { justificationHeader, problems } from '../schemas/common';

const tags = ['signalements'];

/** BNG signalements: flag by hand (idempotent per decision) and read. */
export function signalementRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post<{ Body: { decisionId: string } }>(
    '/api/signalements',
    {
      schema: {
        operationId: 'createSignalement',
        summary: 'Flags the person of a decision in the BNG (idempotent per decision: 201 new, 200 existing)',
        tags,
        headers: justificationHeader,
        body: {
          type: 'object',
          required: ['decisionId'],
          additionalProperties: false,
          properties: { decisionId: { type: 'string', pattern: '^D-\\d{6,}$' } },
        },
        response: {
          200: { $ref: 'Signalement#' },
          201: { $ref: 'Signalement#' },
          ...problems(400, 401, 403, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const r = await createSignalementByHand(
        deps.ctx,
        deps.bng,
        principalOf(request),
        request.body.decisionId,
        justificationOf(request),
      );
      return reply.code(r.created ? 201 : 200).send(r.signalement);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/signalements/:id',
    {
      schema: {
        operationId: 'getSignalement',
        summary: 'One signalement; register says where it is kept (iplus-register: the platform’s own)',
        tags,
        headers: justificationHeader,
        params: { type: 'object', properties: { id: { type: 'string', pattern: '^S-\\d{6,}$' } } },
        response: { 200: { $ref: 'Signalement#' }, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      readSignalement(deps.ctx, principalOf(request), request.params.id, justificationOf(request)),
  );
}
