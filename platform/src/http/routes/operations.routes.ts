import axios from 'axios';
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../auth/need-to-know';
import { forbidden, OperationalError, UserError } from '../../errors';
import type { ApiDeps } from '../api-deps';
import { refuseValueTests } from '../operations-filter';
import { justificationOf, principalOf } from '../request-context';

/** The Camunda v2 REST paths the operations view may use, and how. */
const ALLOWED: Array<{ method: 'GET' | 'POST' | 'PATCH'; path: RegExp; adminOnly?: boolean }> = [
  { method: 'POST', path: /^process-instances\/search$/ },
  { method: 'POST', path: /^element-instances\/search$/ },
  { method: 'POST', path: /^variables\/search$/ },
  { method: 'POST', path: /^jobs\/search$/ },
  { method: 'PATCH', path: /^jobs\/\d+$/ },
  { method: 'POST', path: /^incidents\/search$/ },
  { method: 'POST', path: /^incidents\/\d+\/resolution$/ },
  { method: 'POST', path: /^message-subscriptions\/search$/ },
  { method: 'POST', path: /^decision-instances\/search$/ },
  { method: 'POST', path: /^process-definitions\/search$/ },
  { method: 'GET', path: /^process-definitions\/\d+\/xml$/ },
  { method: 'POST', path: /^x-iplus\/timers\/search$/ },
];

/** Roles that may read variable values: every other role gets them hidden and may not filter on them. */
const SEES_PERSONAL_DATA = new Set(['admin']);

/** Variables whose values may carry personal data (a report's free text): hidden from analysts. */
const PERSONAL_VARIABLES = new Set(['report']);

/**
 * `/api/operations/v2/…`: passes the operations view's searches, job retries and incident
 * resolutions through to the engine's Camunda v2 REST API (CAMUNDA_REST_ADDRESS). Analysts and
 * admins only; analysts never see the value of a variable that can hold personal data, nor filter
 * or sort on values. Every search is audited (who, what it asked for, how it ended).
 */
export function operationsRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.route<{ Params: { '*': string }; Body: unknown }>({
    method: ['GET', 'POST', 'PATCH'],
    url: '/api/operations/v2/*',
    handler: async (request, reply) => {
      const p = principalOf(request);
      requireRole(p, 'analyst', 'admin');
      const path = request.params['*'];
      const rule = ALLOWED.find((r) => r.method === request.method && r.path.test(path));
      if (!rule)
        throw forbidden(`${request.method} /v2/${path} is not available through the operations view`);
      if (request.method === 'POST' && request.body !== undefined && !isPlainObject(request.body)) {
        throw new UserError({
          status: 400,
          code: 'validation_failed',
          title: 'Search body must be an object',
          detail: `the body of POST /v2/${path} must be a JSON object such as {"filter": {}}, not ${Array.isArray(request.body) ? 'an array' : typeof request.body}`,
        });
      }
      const isSearch = request.method === 'POST' && path.endsWith('/search');
      const audit = (outcome: 'ok' | 'denied' | 'failed') =>
        deps.ctx.audit.append({
          user: p.user,
          agencyId: p.agencyId,
          action: 'operations.search',
          object: `${path} ${JSON.stringify(request.body ?? {})}`.slice(0, 1000),
          justification: justificationOf(request),
          outcome,
        });
      if (isSearch && !SEES_PERSONAL_DATA.has(p.role)) {
        try {
          refuseValueTests(p.role, path, request.body);
        } catch (e) {
          await audit('denied');
          throw e;
        }
      }
      if (!deps.camundaRestAddress) {
        throw new OperationalError(
          'operations_unavailable',
          'no Camunda v2 REST API is configured (CAMUNDA_REST_ADDRESS)',
        );
      }
      let res;
      try {
        const authorization = await deps.camundaRestAuthorization?.();
        res = await axios.request({
          ...(authorization ? { headers: { authorization } } : {}),
          method: request.method,
          url: `${deps.camundaRestAddress.replace(/\/+$/, '')}/v2/${path}`,
          data: request.method === 'GET' ? undefined : (request.body ?? {}),
          timeout: 10_000,
          validateStatus: () => true,
          responseType: path.endsWith('/xml') ? 'text' : 'json',
        });
      } catch (e) {
        throw new OperationalError(
          'operations_unavailable',
          `the engine's REST API did not answer: ${(e as Error).message}`,
        );
      }
      if (isSearch) await audit(res.status < 300 ? 'ok' : 'failed');
      if (res.status === 401 || res.status === 403) {
        // the platform's own credentials, not the user's: an operator must fix the configuration
        throw new OperationalError(
          'operations_unavailable',
          `the engine's REST API refused the platform's credentials (${res.status}); check ZEEBE_CLIENT_ID/ZEEBE_CLIENT_SECRET or CAMUNDA_BASIC_AUTH_USERNAME/PASSWORD`,
          { advice: "an operator must fix the platform's engine credentials" },
        );
      }
      if (res.status >= 400 && res.status < 500) {
        throw new UserError({
          status: res.status,
          code: 'engine_rejected',
          title: 'The engine refused the request',
          detail: JSON.stringify(res.data).slice(0, 1000),
        });
      }
      // the two changes the view can make; searches of engine state are not personal-data reads
      if (/^incidents\/\d+\/resolution$/.test(path) || request.method === 'PATCH') {
        await deps.ctx.audit.append({
          user: p.user,
          agencyId: p.agencyId,
          action: request.method === 'PATCH' ? 'job.retries' : 'incident.resolve',
          object: path,
          outcome: res.status < 300 ? 'ok' : 'failed',
        });
      }
      let data = res.data as unknown;
      if (!SEES_PERSONAL_DATA.has(p.role) && path === 'variables/search') data = redactVariables(data);
      return reply
        .code(res.status)
        .type(path.endsWith('/xml') ? 'application/xml' : 'application/json')
        .send(data);
    },
  });
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function redactVariables(data: unknown): unknown {
  const items = (data as { items?: Array<Record<string, unknown>> } | undefined)?.items;
  if (!Array.isArray(items)) return data;
  return {
    ...(data as object),
    items: items.map((v) =>
      PERSONAL_VARIABLES.has(String(v.name))
        ? { ...v, value: '"(hidden: may hold personal data)"', isTruncated: false }
        : v,
    ),
  };
}
