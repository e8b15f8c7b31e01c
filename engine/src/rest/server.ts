import * as http from 'node:http';
import Database from 'better-sqlite3';
import { Unauthenticated, type ClientAuthenticator } from '../auth/client-authenticator';
import type { Logger } from '../processor/engine';
import type { Resource } from '../processor/deploy';
import { ElementNames } from './entities/element-names';
import { ApiProblem, badRequest, problemBody, problemOf } from './problem';
import type { EngineCommands } from './engine-commands';
import type { Reply } from './route';
import { ROUTES } from './routes';
import type { GatewayInfo } from './topology';

/** Largest JSON request body accepted (searches and commands are small). */
const MAX_BODY_BYTES = 1024 * 1024;
/** Largest multipart deployment accepted (a BPMN file may be up to 4 MiB, several per deployment). */
const MAX_DEPLOYMENT_BYTES = 16 * 1024 * 1024;

export interface RestServerOptions {
  /** The engine's database file; the server opens its own read-only connection to it. */
  databaseFile: string;
  engine: EngineCommands;
  gateway: GatewayInfo;
  host: string;
  port: number;
  /** Checks every request's Authorization header (the same credentials as the gateway). */
  authenticator: ClientAuthenticator;
  logger?: Logger;
}

export interface RestServer {
  /** `http://host:port`, the base address a Camunda REST client is given. */
  address: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the REST API, shaped as Camunda 8.9's Orchestration Cluster REST API (v2): searches and
 * gets read through a second, read-only SQLite connection (WAL lets it read while the engine
 * writes); every write (deployments, instances, jobs, messages, user tasks...) goes through the engine.
 */
export async function startRestServer(options: RestServerOptions): Promise<RestServer> {
  const db = new Database(options.databaseFile, { readonly: true, fileMustExist: true });
  db.pragma('query_only = ON');
  const ctx = { db, engine: options.engine, names: new ElementNames(db), gateway: options.gateway };

  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    void answer(req, pathname)
      .catch((e: unknown) => {
        const p = problemOf(e);
        if (p.status >= 500)
          options.logger?.error(`REST API ${req.method} ${pathname}: ${(e as Error)?.stack ?? e}`);
        return {
          status: p.status,
          body: problemBody(p, pathname),
          type: 'application/problem+json',
          ...(p.status === 401
            ? { headers: { 'www-authenticate': options.authenticator.schemes.join(', ') } }
            : {}),
        } as Reply;
      })
      .then((reply) => send(res, reply));
  });

  async function answer(req: http.IncomingMessage, pathname: string): Promise<Reply> {
    try {
      await options.authenticator.authenticate(req.headers.authorization);
    } catch (e) {
      if (e instanceof Unauthenticated) throw new ApiProblem(401, 'UNAUTHENTICATED', e.message);
      throw e;
    }
    const matching = ROUTES.filter((r) => r.path.test(pathname));
    if (matching.length === 0) {
      throw new ApiProblem(
        404,
        'NOT_FOUND',
        `no endpoint ${pathname}; the engine's REST API serves the Camunda v2 paths listed in engine/README.md ("REST API")`,
      );
    }
    const route = matching.find((r) => r.method === req.method);
    if (!route) {
      throw new ApiProblem(
        405,
        'METHOD_NOT_ALLOWED',
        `${req.method} is not allowed on ${pathname}; use ${matching.map((r) => r.method).join(' or ')}`,
      );
    }
    const params = route.path.exec(pathname)!.slice(1).map(decodeURIComponent);
    const body = req.method === 'GET' ? undefined : await readBody(req);
    return route.handle(ctx, params, body);
  }

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve((server.address() as { port: number }).port));
  });
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    address: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

function send(res: http.ServerResponse, reply: Reply): void {
  if (reply.body === undefined) {
    res.writeHead(reply.status, reply.headers).end();
    return;
  }
  const text = typeof reply.body === 'string' && reply.type ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...reply.headers,
    'content-type': reply.type ?? 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * The request body: JSON (absent or empty = undefined; malformed JSON is the client's to fix), or
 * a multipart/form-data deployment, read as `{ resources: [{ name, content }] }`.
 */
async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  const multipart = type.toLowerCase().startsWith('multipart/form-data');
  const limit = multipart ? MAX_DEPLOYMENT_BYTES : MAX_BODY_BYTES;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) {
    throw new ApiProblem(
      413,
      'PAYLOAD_TOO_LARGE',
      `the request body is larger than ${limit} bytes; ${multipart ? 'deploy fewer or smaller resources at a time' : 'search and command requests are small JSON objects'}`,
    );
  }
  const raw = Buffer.concat(chunks);
  if (multipart) return readDeployment(raw, type);
  const text = raw.toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(
      `the request body is not valid JSON (${(e as Error).message}); send a JSON object with Content-Type application/json`,
    );
  }
}

/** The files of a multipart deployment's "resources" parts (parsed by Node's own fetch implementation). */
async function readDeployment(raw: Buffer, type: string): Promise<{ resources: Resource[] }> {
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  } catch (e) {
    throw badRequest(`the multipart body could not be read (${(e as Error).message})`);
  }
  const resources: Resource[] = [];
  for (const part of form.getAll('resources')) {
    if (typeof part === 'string') {
      throw badRequest('each "resources" part must be a file with a file name (such as order.bpmn)');
    }
    resources.push({ name: part.name, content: await part.text() });
  }
  return { resources };
}
