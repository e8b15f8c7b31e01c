import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../auth/need-to-know';
import type { ApiDeps } from '../api-deps';
import { principalOf } from '../request-context';
import { problems } from '../schemas/common';

const tags = ['audit'];

/** The audit log (admin, auditor): query it and verify its hash chain. */
export function auditRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{
    Querystring: {
      user?: string;
      object?: string;
      from?: string;
      to?: string;
      limit: number;
      cursor?: string;
    };
  }>(
    '/api/audit',
    {
      schema: {
        operationId: 'queryAudit',
        summary: 'Audit entries, newest first (admin, auditor)',
        tags,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            user: { type: 'string', maxLength: 100 },
            object: { type: 'string', maxLength: 200 },
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            cursor: {
              type: 'string',
              pattern: '^\\d+$',
              description: 'seq of the last entry of the previous page',
            },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['items', 'nextCursor'],
            properties: {
              items: { type: 'array', items: { $ref: 'AuditEntry#' } },
              nextCursor: { type: ['string', 'null'] },
            },
          },
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      requireRole(p, 'admin', 'auditor');
      const q = request.query;
      const items = await deps.ctx.audit.query({
        user: q.user,
        object: q.object,
        from: q.from,
        to: q.to,
        limit: q.limit + 1,
        beforeSeq: q.cursor ? Number(q.cursor) : undefined,
      });
      await deps.ctx.audit.append({
        user: p.user,
        agencyId: p.agencyId,
        action: 'audit.read',
        object: q.object ?? q.user ?? '*',
        outcome: 'ok',
      });
      const pageItems = items.slice(0, q.limit);
      return {
        items: pageItems,
        nextCursor: items.length > q.limit ? String(pageItems[pageItems.length - 1]!.seq) : null,
      };
    },
  );

  app.get(
    '/api/audit/verify',
    {
      schema: {
        operationId: 'verifyAudit',
        summary:
          'Recomputes the keyed hash chain and compares it with the anchor kept outside the database; names the first entry that does not match',
        tags,
        response: {
          200: {
            type: 'object',
            properties: {
              ok: { type: 'boolean' },
              entries: { type: 'integer' },
              brokenAt: { type: 'integer' },
              reason: { type: 'string' },
              keyedFrom: { type: 'integer' },
              anchoredSeq: { type: ['integer', 'null'] },
              anchoredAt: { type: ['string', 'null'] },
              checkedAt: { type: 'string' },
              scope: {
                type: 'string',
                enum: ['whole chain', 'since anchor'],
                description: 'what was checked: the whole chain, or (at start) the entries since the anchor',
              },
            },
          },
          ...problems(401, 403),
        },
      },
    },
    async (request) => {
      requireRole(principalOf(request), 'admin', 'auditor');
      return deps.auditIntegrity.check();
    },
  );
}

export const AuditEntrySchema = {
  $id: 'AuditEntry',
  type: 'object',
  required: ['seq', 'at', 'user', 'agencyId', 'action', 'object', 'outcome', 'prevHash', 'hash'],
  properties: {
    seq: { type: 'integer' },
    at: { type: 'string' },
    user: { type: 'string' },
    agencyId: { type: 'string' },
    action: { type: 'string' },
    object: { type: 'string' },
    justification: { type: 'string' },
    outcome: { type: 'string' },
    prevHash: { type: 'string' },
    hash: { type: 'string' },
  },
} as const;
