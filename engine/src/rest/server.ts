import * as http from 'node:http';
import Database from 'better-sqlite3';
import { Unauthenticated, type ClientAuthenticator } from '../auth/client-authenticator';
import type { Logger } from '../processor/engine';
import { ElementNames } from './entities/element-names';
import { ApiProblem, badRequest, problemBody, problemOf } from './problem';
import { ROUTES, type EngineCommands, type Reply } from './routes';
import type { GatewayInfo } from './topology';

/** Largest request body accepted (searches are small). */
const MAX_BODY_BYTES = 1024 * 1024;

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
 * Serves the read API for operations, shaped as Camunda 8.8's Orchestration Cluster REST API (v2):
 * searches read through a second, read-only SQLite connection (WAL lets it read while the
 * engine writes); the two writes (job retries, incident resolution) go through the engine.
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
          options.logger?.error(`read API ${req.method} ${pathname}: ${(e as Error)?.stack ?? e}`);
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
        `no endpoint ${pathname}; the engine's read API serves the Camunda v2 paths listed in engine/README.md ("Read API")`,
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
    const body = req.method === 'GET' ? undefined : await readJson(req);
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

/** The request body as JSON (absent or empty = undefined); malformed JSON is the client's to fix. */
function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) {
        return reject(
          new ApiProblem(
            413,
            'PAYLOAD_TOO_LARGE',
            `the request body is larger than ${MAX_BODY_BYTES} bytes; search requests are small JSON objects`,
          ),
        );
      }
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch (e) {
        reject(
          badRequest(
            `the request body is not valid JSON (${(e as Error).message}); send a JSON object with Content-Type application/json`,
          ),
        );
      }
    });
  });
}
