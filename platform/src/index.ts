import * as fs from 'node:fs';
import * as path from 'node:path';
import { ZBClient } from 'zeebe-node';
import { ApiTokens } from './auth/api-tokens';
import { Authenticator } from './auth/authenticator';
import { seedDemoUsers, type DemoCredential } from './auth/demo-users';
import { Sessions } from './auth/sessions';
import { Users } from './auth/users';
import { RegisterAdapter, type BngPort } from './bng/bng-port';
import { HttpBngAdapter } from './bng/http-adapter';
import { deliverCallback } from './callbacks/deliver-callback';
import { systemClock, type Clock } from './clock';
import { OperationalError } from './errors';
import type { ApiDeps, PartHealth } from './http/api-deps';
import { buildServer } from './http/server';
import { silentLogger, type Logger } from './logger';
import { evaluateRouting } from './routing-admin/preview-routing';
import { Rollout, type RolloutCodec } from './routing-admin/rollout';
import { readRollout, RolloutTableError, withRollout } from './routing';
import { RoutingTables } from './routing-admin/routing-tables';
import { openPlatformStore } from './store/open-store';
import { composeServiceContext } from './compose-context';
import { EngineClient } from './zeebe/engine-client';
import { startJobWorkers, type RunningWorkers } from './zeebe/job-workers';
import { ProcessModels } from './zeebe/process-models';
import { BringUp } from './zeebe/bring-up';
import { publish, startDecisionProcess, startFollowUpProcess } from './zeebe/process-starts';

export type { Logger } from './logger';
export type { Clock } from './clock';
export type { DemoCredential } from './auth/demo-users';

export interface PlatformOptions {
  dataDir: string;
  /** IPLUS_DATABASE_URL: postgres://… keeps every piece of state in PostgreSQL; empty: SQLite in dataDir. */
  databaseUrl?: string;
  httpHost: string;
  httpPort: number;
  /** host:port of the Zeebe gateway (embedded engine or a Camunda 8 cluster). */
  zeebeAddress: string;
  /** Folder of the built web UI, served at `/`; absent means no UI (API only). */
  webRoot?: string;
  /** Where start-up and operational messages go; silent by default. */
  logger?: Logger;
  /** Time source; tests inject a controllable one. */
  clock?: Clock;
  /** IPLUS_DEMO: seed demo users (auto: only on an empty data folder). Default off. */
  demo?: 'auto' | 'on' | 'off';
  /** IPLUS_ACK_DEADLINE, default PT24H. */
  ackDeadline?: string;
  /** IPLUS_MAX_DOCUMENT_BYTES, default 10 MiB. */
  maxDocumentBytes?: number;
  /** IPLUS_BNG_ADAPTER / IPLUS_BNG_URL / IPLUS_BNG_TIMEOUT_MS. */
  bngAdapter?: 'register' | 'http';
  bngUrl?: string;
  bngTimeoutMs?: number;
  /** CAMUNDA_REST_ADDRESS: the engine's Camunda v2 REST API for the operations view. */
  camundaRestAddress?: string;
  /** Folder with the process models (`*.bpmn`) and `routing/<P>.dmn`; default the repository's bpmn/. */
  modelsDir?: string;
}

export interface RunningPlatform {
  /** Base URL of the HTTP API, such as http://127.0.0.1:8080. */
  readonly url: string;
  /** Demo accounts created by this start (empty unless demo mode seeded some). */
  readonly demoCredentials: DemoCredential[];
  /** Resolves once the engine is reachable, the models deployed and the workers running. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_MODELS_DIR = path.resolve(__dirname, '..', '..', 'bpmn');

/**
 * Starts the iplus service: store, HTTP API, and — as soon as the engine answers — the deployment of
 * the process models and routing tables, the job workers and the outbox. It starts even when the
 * engine is not up yet (`/ready` says 503 until it is). It reaches the engine only through a Zeebe
 * client, so the same code runs against a Camunda 8 cluster.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const modelsDir = options.modelsDir ?? DEFAULT_MODELS_DIR;
  const onSqlite = !options.databaseUrl;
  const freshFolder = onSqlite && !fs.existsSync(path.join(options.dataDir, 'platform.sqlite'));
  const store = await openPlatformStore({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    now: () => clock.now(),
    checkpointEvents: {
      failed: (error) =>
        logger.warn('store checkpoint failed; the write-ahead log grows until it succeeds', { error }),
      recovered: () => logger.info('store checkpoints succeed again'),
    },
  });
  const { documents } = store;
  const swept = await documents.sweep(
    async (sha) =>
      !!(await store.db
        .selectFrom('decisions')
        .select('id')
        .where('document_sha256', '=', sha)
        .executeTakeFirst()),
  );
  if (swept > 0) logger.warn('removed documents left by an interrupted upload', { count: swept });

  const ctx = composeServiceContext({
    db: store.db,
    documents,
    clock,
    logger,
    settings: { ackDeadline: options.ackDeadline, maxDocumentBytes: options.maxDocumentBytes },
  });
  const { reference, audit, outbox } = ctx;

  const users = new Users(store.db, clock);
  const sessions = new Sessions(store.db, clock);
  const tokens = new ApiTokens(store.db, clock);
  const authenticator = new Authenticator(users, sessions, tokens, clock);
  let demoCredentials: DemoCredential[] = [];
  // On PostgreSQL "fresh" is a database without users (several instances may start at once: the
  // seeding is idempotent on user names).
  const fresh = onSqlite ? freshFolder : await users.isEmpty();
  if (options.demo === 'on' || (options.demo === 'auto' && fresh)) {
    demoCredentials = await seedDemoUsers(users, tokens, reference, options.dataDir);
  }

  const zeebe = new ZBClient(options.zeebeAddress, {
    useTLS: false,
    loglevel: 'NONE',
    retry: false,
    stdout: zeebeLogger(logger),
  });
  const engine = new EngineClient(zeebe);
  const bng: BngPort =
    options.bngAdapter === 'http'
      ? new HttpBngAdapter(
          { baseUrl: requireUrl(options.bngUrl), timeoutMs: options.bngTimeoutMs ?? 5000 },
          clock,
        )
      : new RegisterAdapter();
  const routingTables = new RoutingTables(store.db, engine, reference, clock, logger);
  const rolloutCodec: RolloutCodec = {
    read: readRollout,
    write: withRollout,
    isTableError: (e) => e instanceof RolloutTableError,
  };
  const rollout = new Rollout(routingTables, reference, rolloutCodec);
  const models = new ProcessModels(store.db, engine, clock);
  outbox.handle('start_decision', (p) =>
    startDecisionProcess(ctx, engine, (p as { decisionId: string }).decisionId),
  );
  outbox.handle('start_follow_up', (p) =>
    startFollowUpProcess(ctx, engine, (p as { mandateId: string }).mandateId),
  );
  outbox.handle('publish', (p) => publish(ctx, engine, p as Parameters<typeof publish>[2]));
  outbox.handle('callback', (p) => deliverCallback(ctx, (p as { callbackId: string }).callbackId));
  await routingTables.seedFromFiles(path.join(modelsDir, 'routing'));

  // Bring-up: each step retried until the engine answers; the HTTP API serves meanwhile.
  let workers: RunningWorkers | undefined;
  const bringUp = new BringUp(
    [
      {
        name: 'job workers',
        run: async () => {
          await engine.topology();
          workers = startJobWorkers(zeebe, { ctx, bng, engine });
          outbox.start();
        },
      },
      { name: 'process models', run: async () => void (await models.deployFolder(modelsDir)) },
      { name: 'routing tables', run: () => routingTables.deployAll() },
    ],
    logger,
  );
  const ready = bringUp.ready;

  const health = async (): Promise<Record<string, PartHealth>> => {
    const engineHealth: PartHealth = await engine
      .topology()
      .then((t) => ({
        status: 'up' as const,
        address: options.zeebeAddress,
        brokers: t.brokers,
        gatewayVersion: t.gatewayVersion,
      }))
      .catch((e: Error) => ({ status: 'down' as const, address: options.zeebeAddress, error: e.message }));
    return {
      http: { status: 'up' },
      store: {
        status: (await store.ping()) ? 'up' : 'down',
        pendingOutbox: await outbox.pending().catch(() => -1),
      },
      engine: engineHealth,
      models: bringUp.done.has('process models')
        ? { status: 'up', dir: modelsDir }
        : { status: 'down', error: bringUp.lastError },
      routing: bringUp.done.has('routing tables')
        ? { status: 'up' }
        : { status: 'down', error: bringUp.lastError },
      workers: workers
        ? { status: 'up', taskTypes: workers.taskTypes }
        : { status: 'down', detail: 'waiting for the engine' },
      bng: bng.health(),
    };
  };

  const deps: ApiDeps = {
    ctx,
    authenticator,
    users,
    sessions,
    tokens,
    bng,
    engine,
    routingTables,
    rollout,
    models,
    routeCase: (c) => evaluateRouting(engine, c),
    camundaRestAddress: options.camundaRestAddress || undefined,
    health,
  };
  const app = await buildServer(deps, { webRoot: options.webRoot, logger });
  await app.listen({ host: options.httpHost, port: options.httpPort });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.httpPort;
  const host = options.httpHost.includes(':') ? `[${options.httpHost}]` : options.httpHost;

  let closed: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    demoCredentials,
    ready,
    close: () =>
      (closed ??= (async () => {
        bringUp.stop();
        await app.close();
        await ready.catch(() => undefined);
        await workers?.close();
        await outbox.stop();
        await audit.drain();
        await zeebe.close(5000).catch(() => undefined);
        await store.close();
      })()),
  };
}

function requireUrl(url: string | undefined): string {
  if (!url) throw new OperationalError('bng_url_missing', 'IPLUS_BNG_ADAPTER=http needs IPLUS_BNG_URL');
  return url;
}

/** zeebe-node's log lines, sent to our logger at debug level (its errors at warn). */
function zeebeLogger(logger: Logger) {
  const line =
    (level: 'debug' | 'warn') =>
    (...args: unknown[]) =>
      logger[level]('zeebe client', { message: args.map(String).join(' ').slice(0, 500) });
  return {
    info: line('debug'),
    debug: line('debug'),
    error: line('warn'),
    warn: line('warn'),
    trace: line('debug'),
  };
}
