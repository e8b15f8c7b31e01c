import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../audit/audit-log';
import { forbidden } from '../errors';
import { justificationOf } from './request-context';

/**
 * The auditor's need-to-know, denied by default: an auditor reaches the audit log, the access
 * reports and its own session and tokens, and no other endpoint — whatever that endpoint's own
 * checks say, and for endpoints added later too. A refusal is audited.
 */
const AUDITOR_ROUTES = [
  /^GET \/api\/audit(\/verify)?$/,
  /^POST \/api\/admin\/access-reports$/,
  /^GET \/api\/whoami$/,
  /^(GET|POST) \/api\/tokens$/,
  /^DELETE \/api\/tokens\/:id$/,
  /^POST \/api\/auth\/logout$/,
];

export function registerAuditorFence(app: FastifyInstance, audit: AuditLog): void {
  app.addHook('preHandler', async (request) => {
    if (request.principal?.role !== 'auditor') return;
    const route = `${request.method} ${request.routeOptions.url ?? ''}`;
    if (AUDITOR_ROUTES.some((r) => r.test(route))) return;
    await audit.append({
      user: request.principal.user,
      agencyId: request.principal.agencyId,
      action: 'auditor.refused',
      object: `${request.method} ${request.url}`.slice(0, 1000),
      justification: justificationOf(request),
      outcome: 'denied',
    });
    throw forbidden(
      `an auditor reads the audit log and the access reports only; ${route} is not for auditors`,
    );
  });
}
