import * as fs from 'node:fs';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from '../logger';
import type { ApiDeps } from './api-deps';
import { registerAuthentication } from './authentication-hook';
import { registerAuditorFence } from './auditor-fence';
import { registerJsonBody } from './json-body';
import { registerMediaTypes } from './media-types';
import { OpenApiCollector } from './openapi';
import { errorHandler, problem, sendProblem } from './problem';
import { auditRoutes, AuditEntrySchema } from './routes/audit.routes';
import { retentionRoutes } from './routes/retention.routes';
import { ApiTokenSchema, authRoutes, WhoamiSchema } from './routes/auth.routes';
import { decisionRoutes } from './routes/decisions.routes';
import { deliveryRoutes } from './routes/delivery.routes';
import { mandateRoutes } from './routes/mandates.routes';
import { formRoutes } from './routes/forms.routes';
import { migrationRoutes } from './routes/migrations.routes';
import { modelRoutes } from './routes/models.routes';
import { modelReviewRoutes } from './routes/model-review.routes';
import { notificationRoutes } from './routes/notifications.routes';
import { operationsRoutes } from './routes/operations.routes';
import { MunicipalitySchema, referenceRoutes } from './routes/reference.routes';
import { rolloutRoutes, RolloutSchemas } from './routes/rollout.routes';
import { routingRoutes, RoutingTableVersionSchema } from './routes/routing.routes';
import { serviceRoutes } from './routes/service.routes';
import { signalementRoutes } from './routes/signalements.routes';
import { statsRoutes } from './routes/stats.routes';
import { taskRoutes } from './routes/tasks.routes';
import { UserSchema, userRoutes } from './routes/users.routes';
import { AgencySchema, NameSchema, ProblemSchema } from './schemas/common';
import { LifecycleSchemas } from './schemas/lifecycle';
import { lifecycleRoutes } from './routes/lifecycle.routes';
import {
  DecisionInputSchema,
  DecisionSchema,
  DecisionSummarySchema,
  MandateSchema,
  NotificationSchema,
  ReportSchema,
  RoutingSchema,
  SignalementSchema,
} from './schemas/decision';
import { registerSecurityHeaders } from './security-headers';
import { registerMetrics } from './metrics-route';
import type { PlatformMetrics } from '../metrics/platform-metrics';
import { registerRequestId } from '../trace/request-id-hook';
import { sharedSerializers } from './shared-serializers';

/** Largest JSON body of an ordinary request (uploads and tables set their own). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface ServerOptions {
  webRoot?: string;
  logger: Logger;
  /**
   * Reverse proxies (comma-separated addresses or CIDRs) whose X-Forwarded-For and -Proto are
   * believed. None by default: a client could otherwise name any address and escape the login
   * throttle; behind a proxy without it, every client shares the proxy's address.
   */
  trustProxy?: string;
  /** Prometheus metrics, served at `/metrics` to a caller with the metrics token. */
  metrics?: PlatformMetrics;
  /** IPLUS_METRICS_TOKEN; without it `/metrics` is off. */
  metricsToken?: string;
}

/**
 * The HTTP API (docs/API-CONTRACT.md) and the static web UI. Every route validates with the JSON
 * schemas it declares, and the same schemas make up `/api/openapi.json`.
 */
export async function buildServer(deps: ApiDeps, options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: options.trustProxy || false,
    return503OnClosing: true,
    ajv: {
      customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true },
    },
    schemaController: { compilersFactory: { buildSerializer: sharedSerializers() } },
  });
  registerRequestId(app, options.logger, options.trustProxy);
  if (options.metrics) registerMetrics(app, options.metrics, options.metricsToken);
  const openapi = new OpenApiCollector();
  openapi.attach(app);
  for (const schema of [
    ProblemSchema,
    NameSchema,
    AgencySchema,
    MunicipalitySchema,
    DecisionInputSchema,
    RoutingSchema,
    SignalementSchema,
    ReportSchema,
    MandateSchema,
    DecisionSchema,
    DecisionSummarySchema,
    NotificationSchema,
    WhoamiSchema,
    ApiTokenSchema,
    UserSchema,
    AuditEntrySchema,
    ...RolloutSchemas,
    RoutingTableVersionSchema,
    ...LifecycleSchemas,
  ]) {
    app.addSchema(schema);
  }
  app.setErrorHandler(errorHandler(options.logger));
  registerSecurityHeaders(app);
  registerJsonBody(app);
  await app.register(fastifyMultipart, {
    limits: { fileSize: deps.ctx.settings.maxDocumentBytes, files: 1, fields: 4, parts: 6 },
  });
  registerAuthentication(app, deps.authenticator);
  registerAuditorFence(app, deps.ctx.audit);
  registerMediaTypes(app);

  serviceRoutes(app, deps, () => openapi.document(app, { title: 'iplus', version: '1.0.0' }));
  authRoutes(app, deps);
  userRoutes(app, deps);
  decisionRoutes(app, deps);
  signalementRoutes(app, deps);
  mandateRoutes(app, deps);
  notificationRoutes(app, deps);
  routingRoutes(app, deps);
  rolloutRoutes(app, deps);
  referenceRoutes(app, deps);
  modelRoutes(app, deps);
  modelReviewRoutes(app, deps);
  operationsRoutes(app, deps);
  statsRoutes(app, deps);
  auditRoutes(app, deps);
  deliveryRoutes(app, deps);
  lifecycleRoutes(app, deps);
  retentionRoutes(app, deps);
  taskRoutes(app, deps);
  migrationRoutes(app, deps);
  formRoutes(app, deps);

  const webRoot = options.webRoot && fs.existsSync(options.webRoot) ? options.webRoot : undefined;
  if (webRoot) await app.register(fastifyStatic, { root: webRoot, index: ['index.html'], wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    // The UI routes in the browser: an unknown non-API page gets index.html.
    if (webRoot && request.method === 'GET' && !request.url.startsWith('/api/'))
      return reply.sendFile('index.html');
    return sendProblem(
      reply,
      problem(
        404,
        'not_found',
        'Not found',
        `${request.method} ${request.url.split('?')[0]} is not part of the API; see /api/openapi.json`,
      ),
    );
  });
  return app;
}
