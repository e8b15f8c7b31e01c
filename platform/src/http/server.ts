import * as fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

export interface PartHealth {
  status: 'up' | 'down';
  [detail: string]: unknown;
}

export interface ServerDeps {
  webRoot?: string;
  checkEngine(): Promise<PartHealth>;
}

/** The HTTP API. `/health` reports each part; `/ready` is 200 only when every part is up. */
export function buildServer(deps: ServerDeps): FastifyInstance {
  const app = Fastify({ logger: false });
  const parts = async () => ({ http: { status: 'up' } as PartHealth, engine: await deps.checkEngine() });
  app.get('/health', async () => {
    const p = await parts();
    const status = Object.values(p).every((x) => x.status === 'up') ? 'up' : 'degraded';
    return { status, parts: p };
  });
  app.get('/ready', async (_req, reply) => {
    const p = await parts();
    const ready = Object.values(p).every((x) => x.status === 'up');
    return reply.code(ready ? 200 : 503).send({ ready, parts: p });
  });
  if (deps.webRoot && fs.existsSync(deps.webRoot)) {
    app.register(fastifyStatic, { root: deps.webRoot, index: ['index.html'] });
  }
  return app;
}
