import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../auth/need-to-know';
import type { MigrationRequest } from '../../instance-migration/instance-migration';
import type { ApiDeps } from '../api-deps';
import { principalOf } from '../request-context';
import { problems } from '../schemas/common';

const tags = ['operations'];
const key = { type: 'string', pattern: '^[0-9]{1,20}$' };
const request = {
  type: 'object',
  required: ['sourceProcessDefinitionKey', 'targetProcessDefinitionKey', 'mapping'],
  additionalProperties: false,
  properties: {
    sourceProcessDefinitionKey: key,
    targetProcessDefinitionKey: key,
    mapping: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['sourceElementId', 'targetElementId'],
        additionalProperties: false,
        properties: {
          sourceElementId: { type: 'string', minLength: 1, maxLength: 200 },
          targetElementId: { type: 'string', minLength: 1, maxLength: 200 },
        },
      },
    },
    processInstanceKeys: { type: 'array', minItems: 1, maxItems: 500, items: key },
  },
};
const instance = {
  type: 'object',
  properties: {
    processInstanceKey: { type: 'string' },
    activeElements: { type: 'array', items: { type: 'string' } },
    reasons: { type: 'array', items: { type: 'string' } },
  },
};

/**
 * Migration of running instances (analyst, admin): the plan (versions, elements, proposed mapping),
 * the preview (what would move, what could not and why) and the execution through the engine.
 */
export function migrationRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Querystring: { source: string; target: string } }>(
    '/api/migrations/plan',
    {
      schema: {
        operationId: 'planMigration',
        summary: 'Two versions of a process, their elements and the mapping proposed by element id',
        tags,
        querystring: {
          type: 'object',
          required: ['source', 'target'],
          additionalProperties: false,
          properties: { source: key, target: key },
        },
        response: {
          200: { type: 'object', additionalProperties: true },
          ...problems(400, 401, 403, 404, 422, 503),
        },
      },
    },
    async (req) => {
      requireRole(principalOf(req), 'analyst', 'admin');
      return deps.migrations.plan(req.query.source, req.query.target);
    },
  );

  app.post<{ Body: MigrationRequest }>(
    '/api/migrations/preview',
    {
      schema: {
        operationId: 'previewMigration',
        summary: 'Which running instances would move to the target version, which could not and why',
        tags,
        body: request,
        response: {
          200: {
            type: 'object',
            properties: {
              movable: { type: 'array', items: instance },
              blocked: { type: 'array', items: instance },
              truncated: { type: 'boolean' },
            },
          },
          ...problems(400, 401, 403, 404, 422, 503),
        },
      },
    },
    async (req) => {
      requireRole(principalOf(req), 'analyst', 'admin');
      return deps.migrations.preview(req.body);
    },
  );

  app.post<{ Body: MigrationRequest }>(
    '/api/migrations',
    {
      schema: {
        operationId: 'migrateInstances',
        summary: 'Migrates the movable instances through the engine, one by one, each audited',
        tags,
        body: request,
        response: {
          200: {
            type: 'object',
            properties: {
              migrated: { type: 'array', items: { type: 'string' } },
              failed: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { processInstanceKey: { type: 'string' }, reason: { type: 'string' } },
                },
              },
              blocked: { type: 'array', items: instance },
            },
          },
          ...problems(400, 401, 403, 404, 422, 503),
        },
      },
    },
    async (req) => {
      const p = principalOf(req);
      requireRole(p, 'analyst', 'admin');
      return deps.migrations.execute(p, req.body);
    },
  );
}
