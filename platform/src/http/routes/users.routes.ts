import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireRole } from '../../auth/need-to-know';
import { ROLES, type Principal, type Role } from '../../auth/roles';
import { conflict, notFound, UserError } from '../../errors';
import type { ApiDeps } from '../api-deps';
import { principalOf } from '../request-context';
import { problems } from '../schemas/common';

const tags = ['access'];
const nameParam = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{1,63}$' } },
} as const;

/**
 * User accounts, for admins: list, create, disable or enable, reset a password, end the sessions.
 * Every change is audited. A disabled user's sessions end and their API tokens stop working at once.
 */
export function userRoutes(app: FastifyInstance, deps: ApiDeps): void {
  /** The admin caller; audits a refused attempt by anyone else. */
  async function admin(request: FastifyRequest, action: string, object: string): Promise<Principal> {
    const p = principalOf(request);
    if (p.role !== 'admin' && action !== 'user.list') {
      await audit(p, action, object, 'denied');
    }
    requireRole(p, 'admin');
    return p;
  }
  const audit = (p: Principal, action: string, object: string, outcome: 'ok' | 'denied') =>
    deps.ctx.audit.append({ user: p.user, agencyId: p.agencyId, action, object, outcome });

  app.get(
    '/api/users',
    {
      schema: {
        operationId: 'listUsers',
        summary: 'User accounts (admin)',
        tags,
        response: { 200: { type: 'array', items: { $ref: 'User#' } }, ...problems(401, 403) },
      },
    },
    async (request) => {
      await admin(request, 'user.list', '-');
      return deps.users.list();
    },
  );

  app.post<{ Body: { name: string; password: string; role: Role; agencyId: string; language?: string } }>(
    '/api/users',
    {
      schema: {
        operationId: 'createUser',
        summary: 'Creates a user account (admin)',
        tags,
        body: {
          type: 'object',
          required: ['name', 'password', 'role', 'agencyId'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', maxLength: 64 },
            password: { type: 'string', minLength: 12, maxLength: 200 },
            role: { type: 'string', enum: [...ROLES] },
            agencyId: { type: 'string', maxLength: 64 },
            language: { type: 'string', enum: ['fr', 'nl', 'de', 'en'] },
          },
        },
        response: { 201: { $ref: 'User#' }, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const p = await admin(request, 'user.create', request.body.name);
      const b = request.body;
      if (b.agencyId !== 'IPLUS' && !deps.ctx.reference.agency(b.agencyId)) {
        throw new UserError({
          status: 400,
          code: 'validation_failed',
          title: 'Unknown agency',
          detail: `agency ${b.agencyId} is not known`,
          errors: [
            {
              field: 'agencyId',
              code: 'unknown_agency',
              message: 'pick an agency from GET /api/agencies (IPLUS for analysts and admins)',
            },
          ],
        });
      }
      const user = await deps.users.create(b);
      await audit(p, 'user.create', user.name, 'ok');
      return reply.code(201).send(user);
    },
  );

  app.patch<{ Params: { name: string }; Body: { disabled: boolean } }>(
    '/api/users/:name',
    {
      schema: {
        operationId: 'updateUser',
        summary:
          'Disables or enables an account (admin); disabling ends its sessions and stops its API tokens at once',
        tags,
        params: nameParam,
        body: {
          type: 'object',
          required: ['disabled'],
          additionalProperties: false,
          properties: { disabled: { type: 'boolean' } },
        },
        response: { 200: { $ref: 'User#' }, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { name } = request.params;
      const { disabled } = request.body;
      const action = disabled ? 'user.disable' : 'user.enable';
      const p = await admin(request, action, name);
      if (disabled && name === p.user) {
        throw conflict(
          'cannot_disable_self',
          'you cannot disable your own account (nobody could undo it); ask another admin',
        );
      }
      if (!(await deps.users.setDisabled(name, disabled))) throw notFound('user', name);
      if (disabled) {
        await deps.sessions.closeAllOf(name);
        deps.authenticator.forgetTokens();
      }
      await audit(p, action, name, 'ok');
      return (await deps.users.find(name))!;
    },
  );

  app.post<{ Params: { name: string }; Body: { password: string } }>(
    '/api/users/:name/password',
    {
      schema: {
        operationId: 'resetPassword',
        summary: "Sets a new password for an account (admin); ends the account's web sessions",
        tags,
        params: nameParam,
        body: {
          type: 'object',
          required: ['password'],
          additionalProperties: false,
          properties: { password: { type: 'string', minLength: 12, maxLength: 200 } },
        },
        response: { 204: { type: 'null', description: 'Password set' }, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      const p = await admin(request, 'user.password_reset', name);
      if (!(await deps.users.setPassword(name, request.body.password))) throw notFound('user', name);
      await deps.sessions.closeAllOf(name);
      await audit(p, 'user.password_reset', name, 'ok');
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: { name: string } }>(
    '/api/users/:name/sessions',
    {
      schema: {
        operationId: 'endUserSessions',
        summary: 'Ends every web session of an account (admin); to stop its API tokens too, disable it',
        tags,
        params: nameParam,
        response: {
          200: {
            type: 'object',
            required: ['ended'],
            properties: { ended: { type: 'integer', description: 'sessions ended' } },
          },
          ...problems(401, 403, 404),
        },
      },
    },
    async (request) => {
      const { name } = request.params;
      const p = await admin(request, 'user.sessions_end', name);
      if (!(await deps.users.find(name))) throw notFound('user', name);
      const ended = await deps.sessions.closeAllOf(name);
      await audit(p, 'user.sessions_end', name, 'ok');
      return { ended };
    },
  );
}

export const UserSchema = {
  $id: 'User',
  type: 'object',
  required: ['name', 'role', 'agencyId', 'language', 'disabled', 'demo'],
  properties: {
    name: { type: 'string' },
    role: { type: 'string', enum: [...ROLES] },
    agencyId: { type: 'string' },
    language: { type: 'string' },
    disabled: { type: 'boolean' },
    demo: { type: 'boolean', description: 'seeded by IPLUS_DEMO; its password is in demo-credentials.json' },
  },
} as const;
