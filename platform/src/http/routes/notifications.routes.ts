import type { FastifyInstance } from 'fastify';
import { handleNotification } from '../../mandates/handle-notification';
import { listNotifications, NOTIFICATION_KINDS } from '../../notifications/notifications';
import type { ApiDeps } from '../api-deps';
import { auditedList } from '../audited-list';
import { justificationOf, principalOf } from '../request-context';
import { justificationHeader, problems } from '../schemas/common';

const tags = ['notifications'];

/** Escalations, breaches, old-channel cases and manual assignments for coordinators and parquets. */
export function notificationRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Querystring: { kind?: string; handled?: boolean; limit: number; cursor?: string } }>(
    '/api/notifications',
    {
      schema: {
        operationId: 'listNotifications',
        summary:
          "The caller's notifications, newest first (coordinator: its province; parquet: breaches of its decisions)",
        tags,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            kind: { type: 'string', enum: [...NOTIFICATION_KINDS] },
            handled: { type: 'boolean' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            cursor: {
              type: 'string',
              pattern: '^N-\\d{6,}$',
              description: 'id of the last notification of the previous page',
            },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['items', 'nextCursor'],
            properties: {
              items: { type: 'array', items: { $ref: 'Notification#' } },
              nextCursor: { type: ['string', 'null'] },
            },
          },
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const p = principalOf(request);
      const items = await auditedList(deps.ctx.audit, request, 'notification.list', () =>
        listNotifications(deps.ctx.db, p, {
          kind: q.kind,
          handled: q.handled,
          limit: q.limit + 1,
          before: q.cursor,
        }),
      );
      const pageItems = items.slice(0, q.limit);
      // A breach notification quotes the recipient's report: personal data, so the list is audited.
      await deps.ctx.audit.appendList(
        p,
        'notification.list',
        pageItems.map((n) => n.id),
        justificationOf(request),
      );
      return {
        items: pageItems,
        nextCursor: items.length > q.limit ? pageItems[pageItems.length - 1]!.id : null,
      };
    },
  );

  app.post<{ Params: { id: string }; Body: { note?: string; recipientId?: string } | undefined }>(
    '/api/notifications/:id/handle',
    {
      schema: {
        operationId: 'handleNotification',
        summary: 'Marks a notification handled; for a manual assignment, recipientId readdresses the mandate',
        tags,
        headers: justificationHeader,
        params: { type: 'object', properties: { id: { type: 'string', pattern: '^N-\\d{6,}$' } } },
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            note: { type: 'string', maxLength: 2000 },
            recipientId: { type: 'string', maxLength: 64 },
          },
        },
        response: { 200: { $ref: 'Notification#' }, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      handleNotification(
        deps.ctx,
        principalOf(request),
        request.params.id,
        request.body ?? {},
        justificationOf(request),
      ),
  );
}
