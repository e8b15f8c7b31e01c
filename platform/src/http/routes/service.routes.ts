import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../api-deps';

/** `/health` (each part), `/ready` (200 only when every part is up) and the OpenAPI description. */
export function serviceRoutes(
  app: FastifyInstance,
  deps: ApiDeps,
  openapiDocument: () => Record<string, unknown>,
): void {
  const part = {
    type: 'object',
    additionalProperties: true,
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
  };
  app.get(
    '/health',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'health',
        summary: 'Health of each part: http, store, engine, workers, bng',
        tags: ['service'],
        security: [],
        response: {
          200: {
            type: 'object',
            properties: {
              status: { type: 'string', enum: ['up', 'degraded'] },
              parts: { type: 'object', additionalProperties: part },
            },
          },
        },
      },
    },
    async () => {
      const parts = await deps.health();
      return { status: Object.values(parts).every((p) => p.status === 'up') ? 'up' : 'degraded', parts };
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
      return reply.code(ready ? 200 : 503).send({ ready, parts });
    },
  );
  let cached: Record<string, unknown> | undefined;
  app.get('/api/openapi.json', { config: { auth: 'public' } }, async () => (cached ??= openapiDocument()));
}
