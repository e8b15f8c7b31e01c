import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireRole } from '../../auth/need-to-know';
import type { Principal } from '../../auth/roles';
import type { DeliverySettingsInput } from '../../messages/delivery-settings';
import { recentMessages } from '../../messages/message-log';
import { MESSAGE_LANGUAGES } from '../../messages/message-templates';
import type { ApiDeps } from '../api-deps';
import { principalOf } from '../request-context';
import { problems } from '../schemas/common';

const tags = ['messages'];
const agencyParam = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;
const settingsSchema = {
  type: 'object',
  required: ['agencyId', 'language', 'emails', 'webhook', 'updatedAt', 'updatedBy'],
  properties: {
    agencyId: { type: 'string' },
    language: { type: ['string', 'null'], enum: [...MESSAGE_LANGUAGES, null] },
    emails: { type: 'array', items: { type: 'string' } },
    webhook: {
      type: ['object', 'null'],
      required: ['url', 'secretSet'],
      properties: { url: { type: 'string' }, secretSet: { type: 'boolean' } },
    },
    updatedAt: { type: ['string', 'null'] },
    updatedBy: { type: ['string', 'null'] },
  },
} as const;

/**
 * Where an agency's messages go (e-mail addresses, signed webhook, language) and what was sent: for
 * admins. The webhook's secret is write-only.
 */
export function deliveryRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const admin = async (request: FastifyRequest, action: string, object: string): Promise<Principal> => {
    const p = principalOf(request);
    if (p.role !== 'admin') {
      await deps.ctx.audit.append({ user: p.user, agencyId: p.agencyId, action, object, outcome: 'denied' });
    }
    requireRole(p, 'admin');
    return p;
  };

  app.get<{ Params: { id: string } }>(
    '/api/agencies/:id/delivery',
    {
      schema: {
        operationId: 'getDeliverySettings',
        summary: "An agency's message delivery settings (admin)",
        tags,
        params: agencyParam,
        response: { 200: settingsSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      await admin(request, 'delivery.read', request.params.id);
      return deps.deliverySettings.of(request.params.id);
    },
  );

  app.put<{ Params: { id: string }; Body: DeliverySettingsInput }>(
    '/api/agencies/:id/delivery',
    {
      schema: {
        operationId: 'setDeliverySettings',
        summary:
          "Sets where an agency's escalations, breach reports, revocations and measure ends go: e-mail and/or a webhook signed with HMAC-SHA256 (admin)",
        tags,
        params: agencyParam,
        body: {
          type: 'object',
          required: ['emails'],
          additionalProperties: false,
          properties: {
            language: { type: ['string', 'null'], enum: [...MESSAGE_LANGUAGES, null] },
            emails: { type: 'array', maxItems: 20, items: { type: 'string', minLength: 3, maxLength: 254 } },
            webhook: {
              type: ['object', 'null'],
              required: ['url'],
              additionalProperties: false,
              properties: {
                url: { type: 'string', minLength: 8, maxLength: 2000 },
                secret: {
                  type: 'string',
                  maxLength: 512,
                  description: 'write-only; absent keeps the current one',
                },
              },
            },
          },
        },
        response: { 200: settingsSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const p = await admin(request, 'delivery.configure', request.params.id);
      return deps.deliverySettings.set(p, request.params.id, request.body);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { limit: number } }>(
    '/api/agencies/:id/messages',
    {
      schema: {
        operationId: 'listAgencyMessages',
        summary: "An agency's latest messages and their delivery state, newest first (admin)",
        tags,
        params: agencyParam,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        },
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'notificationId', 'channel', 'createdAt', 'attempts', 'status'],
              properties: {
                id: { type: 'string' },
                notificationId: { type: 'string' },
                channel: { type: 'string', enum: ['email', 'webhook'] },
                createdAt: { type: 'string' },
                attempts: { type: 'integer' },
                status: { type: 'string', enum: ['pending', 'sent', 'given_up'] },
                nextAttemptAt: { type: ['string', 'null'] },
                sentAt: { type: ['string', 'null'] },
                lastError: { type: ['string', 'null'] },
              },
            },
          },
          ...problems(401, 403),
        },
      },
    },
    async (request) => {
      await admin(request, 'delivery.read', request.params.id);
      return recentMessages(deps.ctx.db, request.params.id, request.query.limit);
    },
  );
}
