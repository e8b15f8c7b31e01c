import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../auth/need-to-know';
import { notFound } from '../../errors';
import { rolloutReadiness } from '../../routing/rollout-readiness';
import type { ApiDeps } from '../api-deps';
import { principalOf } from '../request-context';
import { problems } from '../schemas/common';
import { requireProvince } from './routing.routes';

export { RolloutSchemas } from '../schemas/rollout';

const tags = ['routing'];
const provinceParams = {
  type: 'object',
  properties: { province: { type: 'string', pattern: '^BE-[A-Z]{3}$' } },
} as const;
const region = {
  province: { type: 'string' },
  arrondissement: { type: 'string' },
} as const;
const reason = { type: 'string', maxLength: 1000 } as const;

/**
 * The rollout cockpit: the state routing applies today per province, arrondissement and municipality;
 * readiness; the old-channel cases a switch concerns; switches now, planned (engine timer) or rolled
 * back, each in the province's history.
 */
export function rolloutRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const { rollout, rolloutSwitches: switches } = deps;
  const provinceView = async (province: string) => {
    const v = await rollout.view(province);
    if (!v) throw notFound('routing table of province', province);
    return v;
  };

  app.get(
    '/api/routing/rollout',
    {
      schema: {
        operationId: 'getRollout',
        summary: 'The state routing applies today in each province and judicial arrondissement',
        tags,
        response: { 200: { $ref: 'Rollout#' }, ...problems(401, 503) },
      },
    },
    async (request) => {
      principalOf(request);
      return { provinces: await rollout.state() };
    },
  );

  app.put<{
    Body: {
      province: string;
      arrondissement?: string;
      live: boolean;
      reason?: string;
      resendOldChannel?: boolean;
    };
  }>(
    '/api/routing/rollout',
    {
      schema: {
        operationId: 'setRollout',
        summary:
          'Switches a province or one of its arrondissements live or back to the old channel now (a switch back needs a reason)',
        tags,
        body: {
          type: 'object',
          required: ['province', 'live'],
          additionalProperties: false,
          properties: { ...region, live: { type: 'boolean' }, reason, resendOldChannel: { type: 'boolean' } },
        },
        response: { 200: { $ref: 'Rollout#' }, ...problems(400, 401, 403, 422, 503) },
      },
    },
    async (request) => {
      const p = principalOf(request);
      requireProvince(p, request.body.province);
      await switches.switchNow(request.body, p.user, p.agencyId);
      return { provinces: await rollout.state() };
    },
  );

  app.get<{ Params: { province: string } }>(
    '/api/routing/rollout/:province',
    {
      schema: {
        operationId: 'getProvinceRollout',
        summary: 'A province’s rollout, municipality by municipality, as routing applies it today',
        tags,
        params: provinceParams,
        response: { 200: { $ref: 'RolloutProvince#' }, ...problems(401, 404, 503) },
      },
    },
    async (request) => {
      principalOf(request);
      return provinceView(request.params.province);
    },
  );

  app.get<{ Params: { province: string } }>(
    '/api/routing/rollout/:province/readiness',
    {
      schema: {
        operationId: 'getRolloutReadiness',
        summary:
          'Per arrondissement: recipients with their active users and tokens, saved test cases, municipalities without a zone',
        tags,
        params: provinceParams,
        response: { 200: { $ref: 'RolloutReadiness#' }, ...problems(401, 403, 404, 503) },
      },
    },
    async (request) => {
      const p = principalOf(request);
      requireProvince(p, request.params.province);
      const v = await provinceView(request.params.province);
      const arrondissements = await rolloutReadiness(
        deps.ctx.db,
        deps.ctx.clock,
        deps.ctx.reference,
        deps.routingTables,
        request.params.province,
        v.municipalities,
      );
      return { province: request.params.province, arrondissements };
    },
  );

  app.get<{ Params: { province: string }; Querystring: { arrondissement?: string } }>(
    '/api/routing/rollout/:province/old-channel',
    {
      schema: {
        operationId: 'listOldChannelCases',
        summary: 'The open old-channel cases of a province or arrondissement: what a switch to live concerns',
        tags,
        params: provinceParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { arrondissement: { type: 'string' } },
        },
        response: { 200: { $ref: 'OldChannelCases#' }, ...problems(400, 401, 403, 503) },
      },
    },
    async (request) => {
      const p = principalOf(request);
      requireProvince(p, request.params.province);
      rollout.check(request.params.province, request.query.arrondissement);
      return {
        cases: await deps.oldChannelCases.open(request.params.province, request.query.arrondissement),
      };
    },
  );

  app.get<{ Params: { province: string } }>(
    '/api/routing/rollout/:province/history',
    {
      schema: {
        operationId: 'getRolloutHistory',
        summary: 'The province’s rollout switches, newest first: applied, planned, cancelled, rolled back',
        tags,
        params: provinceParams,
        response: {
          200: {
            type: 'object',
            properties: { switches: { type: 'array', items: { $ref: 'RolloutSwitch#' } } },
          },
          ...problems(401),
        },
      },
    },
    async (request) => {
      principalOf(request);
      return { switches: await switches.history(request.params.province) };
    },
  );

  app.post<{
    Body: {
      province: string;
      arrondissement?: string;
      live: boolean;
      at: string;
      reason?: string;
      resendOldChannel?: boolean;
    };
  }>(
    '/api/routing/rollout/schedule',
    {
      schema: {
        operationId: 'scheduleRollout',
        summary: 'Plans a switch for a date and time; the engine’s timer applies it (process rollout-switch)',
        tags,
        body: {
          type: 'object',
          required: ['province', 'live', 'at'],
          additionalProperties: false,
          properties: {
            ...region,
            live: { type: 'boolean' },
            at: { type: 'string', description: 'ISO 8601 date-time, in the future' },
            reason,
            resendOldChannel: { type: 'boolean' },
          },
        },
        response: { 201: { $ref: 'RolloutSwitch#' }, ...problems(400, 401, 403, 503) },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      requireProvince(p, request.body.province);
      const s = await switches.schedule(request.body, p.user, p.agencyId);
      return reply.code(201).send(s);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/routing/rollout/schedule/:id',
    {
      schema: {
        operationId: 'cancelScheduledRollout',
        summary: 'Cancels a planned switch before it fires (its process instance is cancelled)',
        tags,
        params: { type: 'object', properties: { id: { type: 'string', pattern: '^RS-[0-9a-f-]{36}$' } } },
        response: { 200: { $ref: 'RolloutSwitch#' }, ...problems(401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const p = principalOf(request);
      if (p.role !== 'admin') requireRole(p, 'coordinator');
      return switches.cancel(request.params.id, p.user, p.agencyId, (province) =>
        requireProvince(p, province),
      );
    },
  );

  app.post<{ Body: { province: string; arrondissement?: string; reason: string } }>(
    '/api/routing/rollout/rollback',
    {
      schema: {
        operationId: 'rollbackRollout',
        summary: 'Switches a province or arrondissement back to the old channel now; the reason is required',
        tags,
        body: {
          type: 'object',
          required: ['province', 'reason'],
          additionalProperties: false,
          properties: { ...region, reason },
        },
        response: { 200: { $ref: 'RolloutSwitch#' }, ...problems(400, 401, 403, 422, 503) },
      },
    },
    async (request) => {
      const p = principalOf(request);
      requireProvince(p, request.body.province);
      return switches.rollback(request.body, p.user, p.agencyId);
    },
  );
}
