import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../auth/need-to-know';
import type { ApiDeps } from '../api-deps';
import { principalOf } from '../request-context';
import { problems } from '../schemas/common';

const DAY = 24 * 60 * 60 * 1000;

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Timeliness of acknowledgements per province and per day (no personal data). */
export function statsRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/api/stats/timeliness',
    {
      schema: {
        operationId: 'getTimeliness',
        summary:
          'Time from issue to acknowledgement per province (p50/p90), overdue mandates, uploads and acknowledgements per day',
        tags: ['operations'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              byProvince: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    province: { type: 'string' },
                    count: { type: 'integer' },
                    p50Ms: { type: ['integer', 'null'] },
                    p90Ms: { type: ['integer', 'null'] },
                  },
                },
              },
              overdue: { type: 'integer' },
              perDay: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    day: { type: 'string' },
                    uploaded: { type: 'integer' },
                    acknowledged: { type: 'integer' },
                  },
                },
              },
            },
          },
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => {
      requireRole(principalOf(request), 'analyst', 'admin', 'coordinator');
      const now = deps.ctx.clock.now();
      const to = request.query.to ?? now.toISOString();
      const from = request.query.from ?? new Date(new Date(to).getTime() - 30 * DAY).toISOString();
      const db = deps.ctx.db;
      const acks = await db
        .selectFrom('mandates')
        .select(['province', 'issued_at', 'acknowledged_at'])
        .where('acknowledged_at', 'is not', null)
        .where('acknowledged_at', '>=', from)
        .where('acknowledged_at', '<', to)
        .execute();
      const byProvince = new Map<string, number[]>();
      const perDay = new Map<string, { uploaded: number; acknowledged: number }>();
      for (const a of acks) {
        const delay = new Date(a.acknowledged_at!).getTime() - new Date(a.issued_at).getTime();
        (byProvince.get(a.province) ?? byProvince.set(a.province, []).get(a.province)!).push(delay);
        const day = a.acknowledged_at!.slice(0, 10);
        (perDay.get(day) ?? perDay.set(day, { uploaded: 0, acknowledged: 0 }).get(day)!).acknowledged++;
      }
      const uploads = await db
        .selectFrom('decisions')
        .select('created_at')
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .execute();
      for (const u of uploads) {
        const day = u.created_at.slice(0, 10);
        (perDay.get(day) ?? perDay.set(day, { uploaded: 0, acknowledged: 0 }).get(day)!).uploaded++;
      }
      const overdue = await db
        .selectFrom('mandates')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'issued')
        .where((eb) => eb.or([eb('overdue', '=', 1), eb('deadline', '<=', now.toISOString())]))
        .executeTakeFirstOrThrow();
      return {
        byProvince: [...byProvince].sort().map(([province, delays]) => {
          delays.sort((a, b) => a - b);
          return {
            province,
            count: delays.length,
            p50Ms: percentile(delays, 50),
            p90Ms: percentile(delays, 90),
          };
        }),
        overdue: Number(overdue.n),
        perDay: [...perDay].sort().map(([day, v]) => ({ day, ...v })),
      };
    },
  );
}
