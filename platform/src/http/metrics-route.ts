import * as crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problem, sendProblem } from './problem';
import type { PlatformMetrics } from '../metrics/platform-metrics';

/**
 * Counts every request by route pattern and status class, and serves `GET /metrics` to a caller with
 * `Authorization: Bearer <IPLUS_METRICS_TOKEN>`. Prometheus scrapes without a session, and the
 * platform's API tokens belong to people (roles, agencies); a separate token names the one thing it
 * may read. Without a token set, `/metrics` is off (404), so nothing is exposed by default.
 */
export function registerMetrics(
  app: FastifyInstance,
  metrics: PlatformMetrics,
  token: string | undefined,
): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request.method, routePattern(request), reply.statusCode, reply.elapsedTime / 1000);
  });
  const expected = token ? digest(token) : undefined;
  app.get(
    '/metrics',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'metrics',
        summary: 'Prometheus metrics (text format); needs Authorization: Bearer <IPLUS_METRICS_TOKEN>',
        tags: ['service'],
        security: [],
        hide: true,
      },
    },
    async (request, reply) => {
      if (!expected)
        return sendProblem(
          reply,
          problem(404, 'metrics_off', 'Metrics are off', 'set IPLUS_METRICS_TOKEN to serve /metrics'),
        );
      const sent = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!sent || !crypto.timingSafeEqual(digest(sent), expected)) {
        reply.header('www-authenticate', 'Bearer realm="iplus metrics"');
        return sendProblem(
          reply,
          problem(
            401,
            'metrics_token_invalid',
            'Metrics token missing or wrong',
            'send Authorization: Bearer <the value of IPLUS_METRICS_TOKEN>',
          ),
        );
      }
      const body = await metrics.render();
      return reply.header('content-type', metrics.contentType).header('cache-control', 'no-store').send(body);
    },
  );
}

/** The route's pattern; requests that matched no route share one label (their URLs are anyone's). */
function routePattern(request: FastifyRequest): string {
  const url = request.routeOptions.url;
  if (!url) return 'unmatched';
  return url;
}

function digest(s: string): Buffer {
  return crypto.createHash('sha256').update(s).digest();
}
