import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiDeps, PartHealth } from '../api-deps';

/** Each part's status alone: what anonymous callers (probes, load balancers) see. */
function statuses(parts: Record<string, PartHealth>): Record<string, { status: 'up' | 'down' }> {
  return Object.fromEntries(Object.entries(parts).map(([name, p]) => [name, { status: p.status }]));
}

/** Each part's details (addresses, folders, errors, counts) without its status: admins only. */
function details(parts: Record<string, PartHealth>): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(parts).map(([name, { status: _status, ...rest }]) => [name, rest]),
  );
}

/**
 * `/health` (each part up or down; with an admin's credential also the `details`), `/ready` (200 only
 * when every part is up) and the OpenAPI description. Internal addresses, folders and error texts are
 * for admins only (issue 12): anonymous callers get statuses.
 */
export function serviceRoutes(
  app: FastifyInstance,
  deps: ApiDeps,
  openapiDocument: () => Record<string, unknown>,
): void {
  const part = {
    type: 'object',
    additionalProperties: false,
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
  };
  const isAdmin = async (request: FastifyRequest) =>
    (
      await deps.authenticator
        .authenticate(request.headers.authorization, request.headers.cookie)
        .catch(() => undefined)
    )?.role === 'admin';
  app.get(
    '/health',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'health',
        summary:
          'Health of each part (http, store, engine, models, routing, workers, bng, audit); with an admin credential also the details of each',
        tags: ['service'],
        security: [],
        response: {
          200: {
            type: 'object',
            required: ['status', 'parts'],
            properties: {
              status: { type: 'string', enum: ['up', 'degraded'] },
              parts: { type: 'object', additionalProperties: part },
              details: {
                type: 'object',
                description:
                  'Only for an admin (bearer token or session): per part, what is behind its status (addresses, folders, errors, counts)',
                additionalProperties: { type: 'object', additionalProperties: true },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const parts = await deps.health();
      const status = Object.values(parts).every((p) => p.status === 'up') ? 'up' : 'degraded';
      return {
        status,
        parts: statuses(parts),
        ...((await isAdmin(request)) ? { details: details(parts) } : {}),
      };
    },
  );
  app.get(
    '/ready',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'ready',
        summary: '200 when every part is up (engine reachable, models deployed, workers running), else 503',
        tags: ['service'],
        security: [],
        response: {
          200: {
            type: 'object',
            properties: { ready: { type: 'boolean' }, parts: { type: 'object', additionalProperties: part } },
          },
          503: {
            type: 'object',
            properties: { ready: { type: 'boolean' }, parts: { type: 'object', additionalProperties: part } },
          },
        },
      },
    },
    async (_request, reply) => {
      const parts = await deps.health();
      const ready = Object.values(parts).every((p) => p.status === 'up');
      return reply.code(ready ? 200 : 503).send({ ready, parts: statuses(parts) });
    },
  );
  let cached: Record<string, unknown> | undefined;
  app.get('/api/openapi.json', { config: { auth: 'public' } }, async () => (cached ??= openapiDocument()));
}
