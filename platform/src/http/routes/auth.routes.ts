import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../../auth/authenticator';
import { ROLES } from '../../auth/roles';
import { SESSION_TTL_MS } from '../../auth/sessions';
import { notFound, UserError } from '../../errors';
import type { ApiDeps } from '../api-deps';
import { LoginThrottle } from '../login-throttle';
import { principalOf } from '../request-context';
import { nullableString, problems } from '../schemas/common';

const tags = ['access'];

/** Login, logout, whoami and API tokens (user accounts: users.routes.ts). */
export function authRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const throttle = new LoginThrottle(deps.ctx.clock, deps.ctx.db);

  app.post<{ Body: { user: string; password: string } }>(
    '/api/auth/login',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'login',
        summary: 'Log in; sets the HttpOnly session cookie and returns the CSRF token',
        tags,
        security: [],
        body: {
          type: 'object',
          required: ['user', 'password'],
          additionalProperties: false,
          properties: {
            user: { type: 'string', maxLength: 64 },
            password: { type: 'string', maxLength: 200 },
          },
        },
        response: { 200: { $ref: 'Whoami#' }, ...problems(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { user, password } = request.body;
      const wait = await throttle.check(request.ip, user);
      if (wait) {
        reply.header('retry-after', String(wait.seconds));
        throw new UserError({
          status: 429,
          code: 'too_many_attempts',
          title: 'Too many failed logins',
          detail:
            wait.by === 'address'
              ? `too many failed logins from your address; try again in ${wait.seconds} s`
              : `too many failed logins for ${user} (from your address among others); try again in ${wait.seconds} s`,
        });
      }
      const account = await deps.users.checkPassword(user, password);
      if (!account) {
        await throttle.failed(request.ip, user);
        await deps.ctx.audit.append({
          user,
          agencyId: '-',
          action: 'auth.login',
          object: user,
          outcome: 'denied',
        });
        throw new UserError({
          status: 401,
          code: 'login_failed',
          title: 'Login failed',
          detail: 'the user name or password is wrong',
        });
      }
      const { cookie, session } = await deps.sessions.open(account.name);
      await deps.ctx.audit.append({
        user: account.name,
        agencyId: account.agencyId,
        action: 'auth.login',
        object: account.name,
        outcome: 'ok',
      });
      reply.header(
        'set-cookie',
        `${SESSION_COOKIE}=${encodeURIComponent(cookie)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(SESSION_TTL_MS / 1000)}${
          request.protocol === 'https' ? '; Secure' : ''
        }`,
      );
      return whoami(deps, account.name, account.role, account.agencyId, account.language, session.csrfToken);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        operationId: 'logout',
        summary: 'Ends the web session',
        tags,
        response: { 204: { type: 'null', description: 'Logged out' } },
      },
    },
    async (request, reply) => {
      const cookie = request.headers.cookie?.match(new RegExp(`${SESSION_COOKIE}=([^;]+)`))?.[1];
      if (cookie) await deps.sessions.close(decodeURIComponent(cookie));
      reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/whoami',
    {
      schema: {
        operationId: 'whoami',
        summary: 'The caller: user, role, agency (and CSRF token for sessions)',
        tags,
        response: { 200: { $ref: 'Whoami#' }, ...problems(401) },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return whoami(deps, p.user, p.role, p.agencyId, p.language, p.csrfToken);
    },
  );

  app.get(
    '/api/tokens',
    {
      schema: {
        operationId: 'listTokens',
        summary: "The caller's API tokens (never their secrets)",
        tags,
        response: { 200: { type: 'array', items: { $ref: 'ApiToken#' } }, ...problems(401) },
      },
    },
    async (request) => deps.tokens.list(principalOf(request).user),
  );

  app.post<{ Body: { label: string; expiresAt?: string } }>(
    '/api/tokens',
    {
      schema: {
        operationId: 'createToken',
        summary: 'Creates an API token for the caller; the token text is shown once',
        tags,
        body: {
          type: 'object',
          required: ['label'],
          additionalProperties: false,
          properties: {
            label: { type: 'string', minLength: 1, maxLength: 100 },
            expiresAt: { type: 'string', format: 'date-time' },
          },
        },
        response: {
          201: {
            type: 'object',
            required: ['token', 'info'],
            properties: { token: { type: 'string' }, info: { $ref: 'ApiToken#' } },
          },
          ...problems(400, 401),
        },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const issued = await deps.tokens.issue(p.user, request.body.label, request.body.expiresAt ?? null);
      await deps.ctx.audit.append({
        user: p.user,
        agencyId: p.agencyId,
        action: 'token.create',
        object: issued.info.id,
        outcome: 'ok',
      });
      return reply.code(201).send(issued);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/tokens/:id',
    {
      schema: {
        operationId: 'revokeToken',
        summary: 'Revokes an API token (admins may revoke anyone’s)',
        tags,
        params: { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9a-f]{16}$' } } },
        response: { 204: { type: 'null', description: 'Revoked' }, ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      if (!(await deps.tokens.revoke(request.params.id, p.user, p.role === 'admin')))
        throw notFound('live API token', request.params.id);
      deps.authenticator.forgetTokens();
      await deps.ctx.audit.append({
        user: p.user,
        agencyId: p.agencyId,
        action: 'token.revoke',
        object: request.params.id,
        outcome: 'ok',
      });
      return reply.code(204).send();
    },
  );
}

async function whoami(
  deps: ApiDeps,
  user: string,
  role: string,
  agencyId: string,
  language: string,
  csrfToken: string | undefined,
) {
  const agency = deps.ctx.reference.agency(agencyId) ?? null;
  const province = /^COORD-(BE-[A-Z]{3})$/.exec(agencyId)?.[1];
  return {
    user,
    role,
    agencyId,
    agency,
    language,
    ...(province ? { province } : {}),
    ...(csrfToken ? { csrfToken } : {}),
    demoUsers: (await deps.users.enabledDemoUsers()).length > 0,
  };
}

export const WhoamiSchema = {
  $id: 'Whoami',
  type: 'object',
  required: ['user', 'role', 'agencyId', 'language'],
  properties: {
    user: { type: 'string' },
    role: { type: 'string', enum: [...ROLES] },
    agencyId: { type: 'string' },
    agency: { anyOf: [{ $ref: 'Agency#' }, { type: 'null' }] },
    province: { type: 'string' },
    language: { type: 'string' },
    csrfToken: { type: 'string' },
    demoUsers: {
      type: 'boolean',
      description: 'true while demo accounts are enabled (the web shows a warning banner)',
    },
  },
} as const;

export const ApiTokenSchema = {
  $id: 'ApiToken',
  type: 'object',
  required: ['id', 'user', 'label', 'createdAt', 'expiresAt', 'revokedAt'],
  properties: {
    id: { type: 'string' },
    user: { type: 'string' },
    label: { type: 'string' },
    createdAt: { type: 'string' },
    expiresAt: nullableString,
    revokedAt: nullableString,
  },
} as const;
