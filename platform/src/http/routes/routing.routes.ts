import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../auth/need-to-know';
import type { Principal } from '../../auth/roles';
import { forbidden, notFound } from '../../errors';
import { previewRouting } from '../../routing/preview-routing';
import type { ApiDeps } from '../api-deps';
import { principalOf } from '../request-context';
import { problems } from '../schemas/common';

const tags = ['routing'];
const provinceParams = {
  type: 'object',
  properties: { province: { type: 'string', pattern: '^BE-[A-Z]{3}$' } },
} as const;

/** Coordinators change their own province's routing; admins any. */
export function requireProvince(p: Principal, province: string): void {
  if (p.role === 'admin') return;
  requireRole(p, 'coordinator');
  if (p.province !== province)
    throw forbidden(`you coordinate ${p.province}; ${province} is another coordinator's`);
}

const testSchema = {
  type: 'object',
  required: ['name', 'nis', 'measure', 'expect'],
  properties: {
    name: { type: 'string' },
    nis: { type: 'string' },
    measure: { type: 'string' },
    language: { type: 'string' },
    electronicMonitoring: { type: 'boolean' },
    expect: { type: 'object', additionalProperties: true },
  },
} as const;

/** Routing preview and the versioned routing tables with their saved test cases (rollout: rollout.routes.ts). */
export function routingRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const { routingTables: tables } = deps;

  app.get<{
    Querystring: {
      nis?: string;
      postalCode?: string;
      measure: string;
      electronicMonitoring?: boolean;
      language?: string;
    };
  }>(
    '/api/routing/preview',
    {
      schema: {
        operationId: 'previewRouting',
        summary: 'Where would this case go? Evaluates the routing decision; starts nothing',
        tags,
        querystring: {
          type: 'object',
          required: ['measure'],
          additionalProperties: false,
          properties: {
            nis: { type: 'string', pattern: '^\\d{5}$' },
            postalCode: { type: 'string', pattern: '^\\d{4}$' },
            measure: { type: 'string', enum: [...deps.ctx.rules.measures] },
            electronicMonitoring: { type: 'boolean' },
            language: { type: 'string', enum: ['fr', 'nl', 'de'] },
          },
        },
        response: { 200: { $ref: 'Routing#' }, ...problems(400, 401, 503) },
      },
    },
    async (request) => {
      principalOf(request);
      return previewRouting(deps.engine, deps.ctx.reference, request.query);
    },
  );

  app.get(
    '/api/routing/tables',
    {
      schema: {
        operationId: 'listRoutingTables',
        summary: 'The routing table of each province: its decision and latest version',
        tags,
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                province: { type: 'string' },
                decisionId: { type: 'string' },
                version: { type: 'integer' },
                deployedAt: { type: 'string' },
              },
            },
          },
          ...problems(401),
        },
      },
    },
    async (request) => {
      principalOf(request);
      const out = [];
      for (const province of tables.provinces()) {
        const latest = await tables.latest(province);
        if (latest)
          out.push({
            province,
            decisionId: `routing-${province}`,
            version: latest.version,
            deployedAt: latest.deployedAt,
          });
      }
      return out;
    },
  );

  app.get<{ Params: { province: string } }>(
    '/api/routing/tables/:province',
    {
      schema: {
        operationId: 'getRoutingTable',
        summary: 'The latest table of a province (DMN XML) with its saved test cases',
        tags,
        params: provinceParams,
        response: {
          200: {
            type: 'object',
            properties: {
              province: { type: 'string' },
              decisionId: { type: 'string' },
              version: { type: 'integer' },
              xml: { type: 'string' },
              tests: { type: 'array', items: testSchema },
            },
          },
          ...problems(401, 404),
        },
      },
    },
    async (request) => {
      principalOf(request);
      const { province } = request.params;
      const latest = await tables.latest(province);
      if (!latest) throw notFound('routing table of', province);
      return {
        province,
        decisionId: `routing-${province}`,
        version: latest.version,
        xml: latest.xml,
        tests: await tables.tests(province),
      };
    },
  );

  app.put<{ Params: { province: string }; Body: { xml: string; comment?: string } }>(
    '/api/routing/tables/:province',
    {
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        operationId: 'putRoutingTable',
        summary: 'Deploys a new version of a province’s table, once it passes the saved test cases',
        description:
          'The table is first deployed under candidate ids (routing-<P>--candidate …) and the saved test cases are evaluated by the engine; ' +
          'only if all pass is it deployed as routing-<P> (what processes use). 422 names the invalid part or the failing cases.',
        tags,
        params: provinceParams,
        body: {
          type: 'object',
          required: ['xml'],
          additionalProperties: false,
          properties: { xml: { type: 'string', minLength: 1 }, comment: { type: 'string', maxLength: 500 } },
        },
        response: {
          201: {
            type: 'object',
            properties: { version: { type: 'integer' }, decisionKey: { type: ['string', 'null'] } },
          },
          ...problems(400, 401, 403, 413, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const { province } = request.params;
      requireProvince(p, province);
      const v = await tables.put(province, request.body.xml, p.user, request.body.comment ?? '');
      await deps.ctx.audit.append({
        user: p.user,
        agencyId: p.agencyId,
        action: 'routing.table',
        object: `${province} v${v.version}`,
        outcome: 'ok',
      });
      return reply.code(201).send({ version: v.version, decisionKey: v.decisionKey });
    },
  );

  app.get<{ Params: { province: string } }>(
    '/api/routing/tables/:province/versions',
    {
      schema: {
        operationId: 'listRoutingTableVersions',
        summary: 'Version history of a province’s table (who, when, comment)',
        tags,
        params: provinceParams,
        response: { 200: { type: 'array', items: { $ref: 'RoutingTableVersion#' } }, ...problems(401) },
      },
    },
    async (request) => {
      principalOf(request);
      return tables.versions(request.params.province);
    },
  );

  app.get<{ Params: { province: string; version: number } }>(
    '/api/routing/tables/:province/versions/:version',
    {
      schema: {
        operationId: 'getRoutingTableVersion',
        summary: 'One version of a province’s table, with its XML',
        tags,
        params: {
          type: 'object',
          properties: {
            province: { type: 'string', pattern: '^BE-[A-Z]{3}$' },
            version: { type: 'integer', minimum: 1 },
          },
        },
        response: {
          200: {
            allOf: [
              { $ref: 'RoutingTableVersion#' },
              { type: 'object', properties: { xml: { type: 'string' } } },
            ],
          },
          ...problems(401, 404),
        },
      },
    },
    async (request) => {
      principalOf(request);
      const v = await tables.version(request.params.province, request.params.version);
      if (!v)
        throw notFound(`version of the ${request.params.province} table`, String(request.params.version));
      return v;
    },
  );

  app.get<{ Params: { province: string } }>(
    '/api/routing/tables/:province/tests',
    {
      schema: {
        operationId: 'getRoutingTests',
        summary: 'Saved test cases of a province’s table',
        tags,
        params: provinceParams,
        response: { 200: { type: 'array', items: testSchema }, ...problems(401) },
      },
    },
    async (request) => {
      principalOf(request);
      return tables.tests(request.params.province);
    },
  );

  app.put<{ Params: { province: string }; Body: unknown[] }>(
    '/api/routing/tables/:province/tests',
    {
      schema: {
        operationId: 'putRoutingTests',
        summary: 'Replaces the saved test cases; they must pass against the current table',
        tags,
        params: provinceParams,
        body: { type: 'array', maxItems: 2000, items: testSchema },
        response: { 200: { type: 'array', items: testSchema }, ...problems(400, 401, 403, 422, 503) },
      },
    },
    async (request) => {
      const p = principalOf(request);
      requireProvince(p, request.params.province);
      const tests = await tables.putTests(request.params.province, request.body, p.user);
      await deps.ctx.audit.append({
        user: p.user,
        agencyId: p.agencyId,
        action: 'routing.tests',
        object: request.params.province,
        outcome: 'ok',
      });
      return tests;
    },
  );
}

export const RoutingTableVersionSchema = {
  $id: 'RoutingTableVersion',
  type: 'object',
  required: ['province', 'version', 'sha256', 'source', 'deployedAt', 'deployedBy', 'decisionKey'],
  properties: {
    province: { type: 'string' },
    version: { type: 'integer' },
    sha256: { type: 'string' },
    source: { type: 'string', enum: ['file', 'api', 'rollout'] },
    deployedAt: { type: 'string' },
    deployedBy: { type: 'string' },
    comment: { type: 'string' },
    decisionKey: { type: ['string', 'null'] },
  },
} as const;
