import proxyAddr from '@fastify/proxy-addr';
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../logger';
import { isRequestId, newRequestId, withRequestId } from './request-trace';

declare module 'fastify' {
  interface FastifyRequest {
    /** X-Request-Id of this request: a trusted proxy's, or one made here. */
    requestId: string;
  }
}

/**
 * Gives every request an id: the `X-Request-Id` a trusted reverse proxy (IPLUS_TRUST_PROXY) sends,
 * otherwise a new UUID (an id from anyone else is ignored: it would let a client mix its requests
 * into another's trail). The id is returned in `X-Request-Id`, set as the current one for everything
 * the request does, and each request ends with one debug line (method, route pattern, status, time).
 */
export function registerRequestId(app: FastifyInstance, logger: Logger, trustProxy?: string): void {
  const trusted = trustProxy
    ? proxyAddr.compile(
        trustProxy
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
    : undefined;
  app.decorateRequest('requestId', '');
  app.addHook('onRequest', (request, reply, done) => {
    const sent = request.headers['x-request-id'];
    const remote = request.raw.socket.remoteAddress ?? '';
    const id = trusted && isRequestId(sent) && trusted(remote, 0) ? sent : newRequestId();
    request.requestId = id;
    reply.header('x-request-id', id);
    withRequestId(id, done);
  });
  app.addHook('onResponse', (request, reply, done) => {
    withRequestId(request.requestId, () =>
      logger.debug('http request', {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      }),
    );
    done();
  });
}
