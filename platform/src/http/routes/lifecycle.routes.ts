import type { MoveInput, ReleaseInput, RevisionInput, RevocationInput } from '@iplus/contract';
import type { FastifyInstance } from 'fastify';
import { announceRelease } from '../../lifecycle/announce-release';
import { recordMove } from '../../lifecycle/record-move';
import { reviseMeasure } from '../../lifecycle/revise-measure';
import { revokeMeasure } from '../../lifecycle/revoke-measure';
import { decisionViewOf } from '../../views/decision-view';
import { notFound } from '../../errors';
import type { ApiDeps } from '../api-deps';
import { justificationOf, principalOf } from '../request-context';
import { justificationHeader, problems } from '../schemas/common';

const tags = ['decisions'];
const idParams = { type: 'object', properties: { id: { type: 'string', pattern: '^D-\\d{6,}$' } } } as const;

/** The case's life (issue 15): revise, revoke, record a move, announce a release. Each answers the decision. */
export function lifecycleRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const answer = async (id: string) => {
    const view = await decisionViewOf(deps.ctx, id);
    // erased by a purge right after the action (a case handed to the old channel ends at the handover)
    if (!view) throw notFound('decision', id);
    return view;
  };

  app.post<{ Params: { id: string }; Body: RevisionInput }>(
    '/api/decisions/:id/revision',
    {
      schema: {
        operationId: 'reviseMeasure',
        summary: "Revises a running measure's conditions and/or its last day (the decision's parquet)",
        description:
          'The signalement is updated and every recipient with an open mandate is told the new conditions. ' +
          '409 when the measure has ended or was revoked.',
        tags,
        headers: justificationHeader,
        params: idParams,
        body: { $ref: 'RevisionInput#' },
        response: { 200: { $ref: 'Decision#' }, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await reviseMeasure(
        deps.ctx,
        principalOf(request),
        request.params.id,
        request.body,
        justificationOf(request),
      );
      return answer(request.params.id);
    },
  );

  app.post<{ Params: { id: string }; Body: RevocationInput }>(
    '/api/decisions/:id/revocation',
    {
      schema: {
        operationId: 'revokeMeasure',
        summary:
          "Revokes a measure: everything ends now, the police zone is told at once (the decision's parquet)",
        tags,
        headers: justificationHeader,
        params: idParams,
        body: { $ref: 'RevocationInput#' },
        response: { 200: { $ref: 'Decision#' }, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await revokeMeasure(
        deps.ctx,
        principalOf(request),
        request.params.id,
        request.body,
        justificationOf(request),
      );
      return answer(request.params.id);
    },
  );

  app.post<{ Params: { id: string }; Body: MoveInput }>(
    '/api/decisions/:id/moves',
    {
      schema: {
        operationId: 'recordMove',
        summary:
          "Records the person's new domicile (the decision's parquet, or a police zone holding one of its mandates); the case is re-routed",
        description:
          'New mandates go to the new police zone and justice house, the old ones are closed and their recipients told, ' +
          'the signalement is updated; a new domicile in a region that is not live goes to the old channel for the new part only. ' +
          'A police agent gets 202 with no decision in the answer (a zone does not read decisions).',
        tags,
        headers: justificationHeader,
        params: idParams,
        body: { $ref: 'MoveInput#' },
        response: {
          200: { $ref: 'Decision#' },
          202: { type: 'object', required: ['moveId'], properties: { moveId: { type: 'string' } } },
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const moveId = await recordMove(deps.ctx, p, request.params.id, request.body, justificationOf(request));
      if (p.role === 'police_agent') return reply.code(202).send({ moveId });
      return answer(request.params.id);
    },
  );

  app.post<{ Params: { id: string }; Body: ReleaseInput }>(
    '/api/decisions/:id/release',
    {
      schema: {
        operationId: 'announceRelease',
        summary:
          'Announces the actual release of the person of a decision awaiting it (the prison named by the decision)',
        description:
          'The mandates are issued and their deadlines count from the release; 409 when the decision is not awaiting a release.',
        tags,
        headers: justificationHeader,
        params: idParams,
        body: { $ref: 'ReleaseInput#' },
        response: { 200: { $ref: 'Decision#' }, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await announceRelease(
        deps.ctx,
        principalOf(request),
        request.params.id,
        request.body,
        justificationOf(request),
      );
      return answer(request.params.id);
    },
  );
}
