import { ACCESS_REPORT_FORMATS, type AccessReportFormat } from '@iplus/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireRole } from '../../auth/need-to-know';
import type { Principal, Role } from '../../auth/roles';
import type { ApiDeps } from '../api-deps';
import { principalOf } from '../request-context';
import { pdfResponse, problems } from '../schemas/common';
import { preparePdf } from '../send-pdf';

const tags = ['data protection'];
const justification = {
  type: 'string',
  minLength: 10,
  maxLength: 500,
  description:
    'why (a court order, a case entered by mistake, a request of the DPO or the COC): kept in the audit log',
} as const;
const looseObject = { type: 'object', additionalProperties: true } as const;

/**
 * Data protection (issue 16): the purge on demand and early erasure (admin), the access report for
 * one national register number as JSON or PDF (admin, auditor). Refusals are audited; the number is
 * sent in the body (never in a URL, which logs and proxies keep) and audited as its pseudonym.
 */
export function retentionRoutes(app: FastifyInstance, deps: ApiDeps): void {
  async function caller(
    request: FastifyRequest,
    action: string,
    object: string,
    ...roles: Role[]
  ): Promise<Principal> {
    const p = principalOf(request);
    if (!roles.includes(p.role))
      await deps.ctx.audit.append({ user: p.user, agencyId: p.agencyId, action, object, outcome: 'denied' });
    requireRole(p, ...roles);
    return p;
  }

  app.post<{ Body: { justification?: string } }>(
    '/api/admin/purge',
    {
      schema: {
        operationId: 'purgeExpiredData',
        summary: 'Runs the retention purge now: erases every case whose retention ran out (admin)',
        tags,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { justification: { type: 'string', maxLength: 500 } },
        },
        response: { 200: looseObject, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const p = await caller(request, 'retention.purge', '-', 'admin');
      return deps.retention.purge({
        user: p.user,
        agencyId: p.agencyId,
        justification: request.body?.justification ?? 'purge requested by an admin',
      });
    },
  );

  app.post<{ Body: { decisionId: string; justification: string } }>(
    '/api/admin/erasures',
    {
      schema: {
        operationId: 'eraseCase',
        summary:
          'Erases one case ahead of its retention period, everywhere it lives (court-ordered erasure, case entered by mistake; admin)',
        tags,
        body: {
          type: 'object',
          required: ['decisionId', 'justification'],
          additionalProperties: false,
          properties: { decisionId: { type: 'string', pattern: '^D-\\d{6,}$' }, justification },
        },
        response: { 201: looseObject, ...problems(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const p = await caller(request, 'case.erase', request.body.decisionId, 'admin');
      const erased = await deps.retention.erase(request.body.decisionId, {
        user: p.user,
        agencyId: p.agencyId,
        justification: request.body.justification,
      });
      return reply.code(201).send(erased);
    },
  );

  app.post<{ Body: { nrn: string; justification: string }; Querystring: { format?: AccessReportFormat } }>(
    '/api/admin/access-reports',
    {
      schema: {
        operationId: 'accessReport',
        summary:
          'Everything iplus holds about one national register number and every consultation of it (who, when, why), as JSON or PDF (admin, auditor)',
        tags,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { format: { type: 'string', enum: [...ACCESS_REPORT_FORMATS], default: 'json' } },
        },
        body: {
          type: 'object',
          required: ['nrn', 'justification'],
          additionalProperties: false,
          properties: { nrn: { type: 'string', maxLength: 20 }, justification },
        },
        response: {
          200: {
            description: 'The report, as JSON (format=json) or as a PDF (format=pdf)',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: true,
                  required: ['generatedAt', 'personPseudonym', 'held', 'erased', 'consultations'],
                  properties: {
                    generatedAt: { type: 'string' },
                    generatedBy: { type: 'string' },
                    personPseudonym: { type: 'string' },
                    held: { type: 'array', items: looseObject },
                    erased: { type: 'array', items: looseObject },
                    consultations: { type: 'array', items: looseObject },
                  },
                },
              },
              ...pdfResponse.content,
            },
          },
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const p = await caller(request, 'person.access_report', request.body.nrn, 'admin', 'auditor');
      const report = await deps.retention.accessReport(request.body.nrn, p.user);
      const pdf = request.query.format === 'pdf';
      const send = pdf
        ? preparePdf(reply, {
            // pdfkit loads on the first report, not at every start (0.2 s of one on a 2-core runner)
            bytes: await (await import('../../retention/access-report-pdf')).accessReportPdf(report),
            fileName: `access-report-${report.personPseudonym}.pdf`,
          })
        : () => reply.send(report);
      await deps.ctx.audit.append({
        user: p.user,
        agencyId: p.agencyId,
        action: 'person.access_report',
        object: request.body.nrn,
        justification: request.body.justification,
        outcome: 'ok',
        // a justification naming the person is pseudonymised with the names iplus still holds
        about: { ...report.held[0]?.person, nrn: request.body.nrn },
      });
      return send();
    },
  );
}
