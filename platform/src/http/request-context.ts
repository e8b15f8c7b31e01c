import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import type { Principal } from '../auth/roles';
import { UserError } from '../errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; set by the authentication hook. */
    principal?: Principal;
  }
  /** OpenAPI annotations carried by route schemas (see openapi.ts). */
  interface FastifySchema {
    operationId?: string;
    summary?: string;
    description?: string;
    tags?: string[];
    security?: unknown[];
    hide?: boolean;
  }
  interface FastifyContextConfig {
    /** `public` routes need no credential (login, health, OpenAPI). */
    auth?: 'public';
    /** Request media types a route documents but reads itself (multipart uploads). */
    openapiRequestContent?: Record<string, { schema: Record<string, unknown> }>;
  }
}

/** The caller of a route that requires authentication. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) {
    throw new UserError(
      401,
      'unauthenticated',
      'Not authenticated',
      'log in (POST /api/auth/login) or send Authorization: Bearer <API token>',
    );
  }
  return request.principal;
}

/** The reason the caller gives for reading or changing personal data (X-Justification header). */
export function justificationOf(request: FastifyRequest): string | undefined {
  const h = request.headers['x-justification'];
  const v = Array.isArray(h) ? h[0] : h;
  return v ? v.slice(0, 500) : undefined;
}
