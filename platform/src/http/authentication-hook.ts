import * as crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/authenticator';
import { UserError } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every `/api/` request except public routes: a bearer token or the session cookie.
 * A cookie-authenticated request that changes state must echo the session's CSRF token in
 * `X-CSRF-Token` (the cookie alone would let another site's form act as the user).
 */
export function registerAuthentication(app: FastifyInstance, auth: Authenticator): void {
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config?.auth === 'public') return;
    const principal = await auth.authenticate(request.headers.authorization, request.headers.cookie);
    if (!principal) {
      throw new UserError({
        status: 401,
        code: 'unauthenticated',
        title: 'Not authenticated',
        detail: request.headers.authorization
          ? 'the API token is unknown, revoked or expired; create a new one'
          : 'log in (POST /api/auth/login) or send Authorization: Bearer <API token>',
      });
    }
    if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      const token = Array.isArray(sent) ? sent[0] : sent;
      const expected = principal.csrfToken ?? '';
      if (
        !token ||
        token.length !== expected.length ||
        !crypto.timingSafeEqual(Buffer.from(token), Buffer.from(expected))
      ) {
        throw new UserError({
          status: 403,
          code: 'csrf_token_invalid',
          title: 'CSRF token missing or wrong',
          detail: 'send the csrfToken from login or GET /api/whoami in the X-CSRF-Token header',
        });
      }
    }
    request.principal = principal;
  });
}
