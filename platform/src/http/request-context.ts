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
    throw new UserError({
      status: 401,
      code: 'unauthenticated',
      title: 'Not authenticated',
      detail: 'log in (POST /api/auth/login) or send Authorization: Bearer <API token>',
    });
  }
  return request.principal;
}

/**
 * The reason the caller gives for reading or changing personal data (X-Justification header). A
 * header carries Latin-1 only, so text beyond it comes as an RFC 8187 ext-value,
 * `UTF-8''<percent-encoded>` (what the web sends for a typed reason), and is decoded here.
 */
export function justificationOf(request: FastifyRequest): string | undefined {
  const h = request.headers['x-justification'];
  const raw = Array.isArray(h) ? h[0] : h;
  let v = raw;
  if (raw && /^UTF-8''/i.test(raw)) {
    try {
      v = decodeURIComponent(raw.slice(7));
    } catch {
      v = raw;
    }
  }
  return v ? v.slice(0, 500) : undefined;
}
