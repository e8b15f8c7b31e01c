import * as fs from 'node:fs';
import * as path from 'node:path';
import { ZBClient } from 'zeebe-node';
import { AuditIntegrity } from './audit/audit-integrity';
import { ApiTokens } from './auth/api-tokens';
import { Authenticator } from './auth/authenticator';
import { checkDemoAccounts, demoBanner, refuseDemoSeeding } from './auth/demo-guard';
import { seedDemoUsers, type DemoCredential } from './auth/demo-users';
import { Sessions } from './auth/sessions';
import { Users } from './auth/users';
import { RegisterAdapter, type BngPort } from './bng/bng-port';
import { HttpBngAdapter } from './bng/http-adapter';
import { deliverCallback } from './callbacks/deliver-callback';
import { systemClock } from './clock';
import { durationMs } from './durations';
import { OperationalError } from './errors';
import type { ApiDeps, PartHealth } from './http/api-deps';
import { buildServer } from './http/server';
import { silentLogger } from './logger';
import { evaluateRouting } from './routing/preview-routing';
import { Rollout, type RolloutCodec } from './routing/rollout';
import { RolloutSwitches } from './routing/rollout-switches';
import { seedArticleRollout } from './routing/demo-rollout';
import { OldChannelCases } from './routing/old-channel-cases';
import { readRollout, RolloutTableError, withRollout } from './routing';
import { RoutingTables } from './routing/routing-tables';
import { openPlatformStore } from './store/open-store';
import { composeServiceContext } from './compose-context';
import { EngineClient } from './zeebe/engine-client';
import { zeebeLogger } from './zeebe/zeebe-logger';
import { restAuthorization, zeebeClientOptions, type EngineConnection } from './zeebe/engine-credentials';
import { startJobWorkers, type RunningWorkers } from './zeebe/job-workers';
import { Models } from './models/models';
import { BringUp } from './zeebe/bring-up';
import { PlatformMetrics } from './metrics/platform-metrics';
import { DeliverySettings } from './messages/delivery-settings';
import { MessageDispatcher } from './messages/message-dispatcher';
import { tracedLogger } from './trace/request-trace';
import { passOn, publish, startDecisionProcess, startFollowUpProcess } from './zeebe/process-starts';
import { endSignalementHandler } from './signalements/end-signalement';
import { startRetention } from './retention/start-retention';
import { removeDocumentIfUnused } from './store/document-use';
import { deleteInstanceHandler, restEngineHistory } from './zeebe/instance-deletion';
import { CamundaRestClient } from './zeebe/camunda-rest-client';
import { HumanTasks } from './tasks/human-tasks';
import { TaskForms } from './tasks/task-forms';
import { InstanceMigration } from './instance-migration/instance-migration';

export type { Logger } from './logger';
export type { Clock } from './clock';
export type { DemoCredential } from './auth/demo-users';
export type { EngineConnection, EngineCredentials } from './zeebe/engine-credentials';
export { DemoInProductionError, type Environment } from './auth/demo-guard';
export type { SmtpSettings } from './messages/send-email';

export type { PlatformOptions } from './platform-options';
import type { PlatformOptions } from './platform-options';

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
  const logger = tracedLogger(options.logger ?? silentLogger);
  const clock = options.clock ?? systemClock;
  const modelsDir = options.modelsDir ?? DEFAULT_MODELS_DIR;
  const onSqlite = !options.databaseUrl;
  const freshFolder = onSqlite && !fs.existsSync(path.join(options.dataDir, 'platform.sqlite'));
  const env = options.env ?? 'development';
  const wantsDemo = (fresh: boolean) => options.demo === 'on' || (options.demo === 'auto' && fresh);
  // SQLite: refused before the data folder is touched. PostgreSQL: once the store says whether it is new.
  if (onSqlite) refuseDemoSeeding(env, wantsDemo(freshFolder));
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
  // On PostgreSQL "fresh" is a database without users (several instances may start at once: the
  // seeding is idempotent on user names).
  const seedDemo = wantsDemo(
    onSqlite ? freshFolder : !(await store.db.selectFrom('users').select('name').limit(1).executeTakeFirst()),
  );
  try {
    refuseDemoSeeding(env, seedDemo);
  } catch (e) {
    await store.close();
    throw e;
  }
  const { documents } = store;
  // One query for every referenced document, not one per file: a start must not slow down as the
  // number of decisions grows (10,000 files were 10,000 queries before serving). Asked for only when
  // the store's sweep asks (files on SQLite; PostgreSQL's sweep is one query of its own).
  let referenced: Promise<Set<string>> | undefined;
  const swept = await documents.sweep(async (sha) => {
    referenced ??= store.db
      .selectFrom('decisions')
      .select('document_sha256')
      .execute()
      .then((rows) => new Set(rows.map((r) => r.document_sha256)));
    return (await referenced).has(sha);
  });
  if (swept > 0) logger.warn('removed documents left by an interrupted upload', { count: swept });

  const ctx = composeServiceContext({
    db: store.db,
    documents,
    clock,
    logger,
    settings: {
      ackDeadline: options.ackDeadline,
      chase: options.chase,
      maxDocumentBytes: options.maxDocumentBytes,
      callbackAllow: options.callbackAllow,
    },
  });
  const { reference, audit, outbox } = ctx;
  const auditIntegrity = new AuditIntegrity(
    audit,
    store.db,
    {
      keyFile: options.auditKeyFile ?? path.join(options.dataDir, 'audit.key'),
      anchorFile: options.auditAnchorFile ?? path.join(options.dataDir, 'audit-anchor.json'),
    },
    clock,
    logger,
  );
  await auditIntegrity.start();
  auditIntegrity.schedule(durationMs(options.auditCheckInterval ?? 'PT1H') ?? 60 * 60 * 1000);

  const users = new Users(store.db, clock);
  const sessions = new Sessions(store.db, clock);
  const tokens = new ApiTokens(store.db, clock);
  const authenticator = new Authenticator(users, sessions, tokens, clock);
  let demoCredentials: DemoCredential[] = [];
  if (seedDemo) demoCredentials = await seedDemoUsers(users, tokens, reference, options.dataDir, clock.now());
  const demoUsers = await checkDemoAccounts(env, users, tokens).catch(async (e: unknown) => {
    await store.close();
    throw e;
  });
  if (demoUsers.length > 0) logger.warn(`\n${demoBanner(demoUsers)}`);

  const engineConnection: EngineConnection = options.engineConnection ?? { credentials: { kind: 'none' } };
  const zeebe = new ZBClient(options.zeebeAddress, {
    ...zeebeClientOptions(engineConnection),
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
  const rollout = new Rollout(routingTables, reference, rolloutCodec, engine);
  const oldChannelCases = new OldChannelCases(store.db, (p) => rollout.arrondissementOf(p));
  const rolloutSwitches = new RolloutSwitches(
    store.db,
    rollout,
    engine,
    audit,
    clock,
    logger,
    oldChannelCases,
  );
  const taskForms = new TaskForms(store.db, engine, clock);
  const reviewMode = options.modelReview ?? 'four-eyes';
  const models = new Models(store.db, engine, audit, clock, logger, reviewMode, taskForms);
  const deliverySettings = new DeliverySettings(
    store.db,
    reference,
    audit,
    clock,
    options.callbackAllow ?? [],
    !!options.messages?.smtp,
  );
  const engineHistory = restEngineHistory(
    engine,
    options.camundaRestAddress,
    restAuthorization(engineConnection.credentials),
  );
  const retention = startRetention(ctx, engineHistory, {
    pseudonymKeyFile: options.pseudonymKeyFile ?? path.join(options.dataDir, 'pseudonym.key'),
    settings: options.retention,
    purgeInterval: options.retentionPurgeInterval,
  });
  const metrics = new PlatformMetrics({ db: store.db, clock, auditCheck: () => auditIntegrity.lastCheck() });
  outbox.handle('start_decision', (p) =>
    startDecisionProcess(ctx, engine, (p as { decisionId: string }).decisionId),
  );
  outbox.handle('start_follow_up', (p) =>
    startFollowUpProcess(ctx, engine, (p as { mandateId: string }).mandateId),
  );
  outbox.handle('publish', (p) => publish(ctx, engine, p as Parameters<typeof publish>[2]));
  outbox.handle('pass_on', (p) => passOn(ctx, engine, p as Parameters<typeof passOn>[2]));
  outbox.handle('callback', (p) => deliverCallback(ctx, (p as { callbackId: string }).callbackId));
  outbox.handle('end_signalement', endSignalementHandler(ctx, bng));
  outbox.handle('delete_instance', deleteInstanceHandler(engineHistory));
  outbox.handle('remove_document', (p) => removeDocumentIfUnused(ctx, (p as { sha256: string }).sha256));
  outbox.handle('cancel_instance', (p) =>
    engine.cancelProcessInstance((p as { processInstanceKey: string }).processInstanceKey),
  );
  await routingTables.seedFromFiles(path.join(modelsDir, 'routing'));

  // The instance that created the demo administrator seeds the rollout (one, with several instances).
  const seedsDemoRollout =
    demoCredentials.some((c) => c.user === 'admin') && options.demoRollout === 'article';
  // Bring-up: each step retried until the engine answers; the HTTP API serves meanwhile.
  let workers: RunningWorkers | undefined;
  const bringUp = new BringUp(
    [
      {
        name: 'job workers',
        run: async () => {
          await engine.topology();
          workers = startJobWorkers(zeebe, { ctx, bng, engine, rolloutSwitches }, undefined, metrics);
          outbox.start();
        },
      },
      { name: 'process models', run: () => models.seeding.seedFolder(modelsDir) },
      { name: 'approvals interrupted', run: () => models.drafts.recoverDeploying().then(() => undefined) },
      { name: 'routing tables', run: () => routingTables.deployAll() },
      ...(seedsDemoRollout
        ? [
            {
              name: 'demo rollout',
              // after the tables and models, never beside them: a table deployed meanwhile would be
              // overwritten by the file version, and the planned switches need process rollout-switch
              run: async () => {
                if (!bringUp.done.has('routing tables') || !bringUp.done.has('process models'))
                  throw new Error('waiting for the routing tables and process models');
                await seedArticleRollout(rolloutSwitches, clock);
              },
            },
          ]
        : []),
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
        ? {
            status: 'up',
            dir: modelsDir,
            review: models.reviewMode,
            conflicts: await models.seeding.conflicts(),
          }
        : { status: 'down', error: bringUp.lastError },
      // with a demo rollout to seed, routing is up once it is applied (it rewrites tables)
      routing:
        bringUp.done.has('routing tables') && (!seedsDemoRollout || bringUp.done.has('demo rollout'))
          ? { status: 'up' }
          : { status: 'down', error: bringUp.lastError },
      workers: workers
        ? { status: 'up', taskTypes: workers.taskTypes }
        : { status: 'down', detail: 'waiting for the engine' },
      bng: bng.health(),
      audit: auditIntegrity.health(),
    };
  };

  const engineRest = new CamundaRestClient(
    options.camundaRestAddress || undefined,
    restAuthorization(engineConnection.credentials),
  );
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
    rolloutSwitches,
    oldChannelCases,
    models,
    routeCase: (c) => evaluateRouting(engine, c),
    auditIntegrity,
    deliverySettings,
    retention,
    camundaRestAddress: options.camundaRestAddress || undefined,
    camundaRestAuthorization: restAuthorization(engineConnection.credentials),
    health,
    tasks: new HumanTasks(store.db, engineRest, audit, clock),
    taskForms,
    migrations: new InstanceMigration(engineRest, audit),
  };
  const app = await buildServer(deps, {
    webRoot: options.webRoot,
    logger,
    trustProxy: options.trustProxy,
    metrics,
    metricsToken: options.metricsToken || undefined,
  });
  await app.listen({ host: options.httpHost, port: options.httpPort });
  // The start checked the audit chain since its anchor; the whole chain once serving.
  auditIntegrity.checkInFullOnceServing(ready);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.httpPort;
  const host = options.httpHost.includes(':') ? `[${options.httpHost}]` : options.httpHost;
  const messages = new MessageDispatcher(store.db, clock, logger, reference, {
    smtp: options.messages?.smtp,
    publicUrl: options.messages?.publicUrl || `http://${host}:${port}`,
    retry: {
      firstMs: durationMs(options.messages?.retry?.first ?? 'PT30S') ?? 30_000,
      maxMs: durationMs(options.messages?.retry?.max ?? 'PT30M') ?? 30 * 60_000,
      giveUpMs: durationMs(options.messages?.retry?.giveUpAfter ?? 'P2D') ?? 2 * 24 * 60 * 60_000,
    },
    callbackAllow: options.callbackAllow ?? [],
    pollMs: options.messages?.pollMs,
  });
  messages.start();

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
        await retention.stop();
        await outbox.stop();
        await messages.stop();
        await audit.drain();
        await auditIntegrity.stop();
        await zeebe.close(5000).catch(() => undefined);
        await store.close();
      })()),
  };
}

function requireUrl(url: string | undefined): string {
  if (!url) throw new OperationalError('bng_url_missing', 'IPLUS_BNG_ADAPTER=http needs IPLUS_BNG_URL');
  return url;
}

export { parseDurationMap, type ChaseSettings } from './domain/follow-up-plan';
