import type { FastifyInstance } from 'fastify';
import { UserError } from '../errors';

/** What every route but the uploads takes; said in each 415 answer. */
export const ACCEPTED_MEDIA_TYPES =
  'send JSON with Content-Type: application/json (POST /api/decisions also takes multipart/form-data)';

/**
 * The API reads JSON, and multipart only on the routes that document it (the decision upload).
 * Fastify would also hand a `text/plain` body to a handler as a string, and the multipart plugin
 * lets a multipart request reach any route with no body at all; both are refused as 415 instead.
 */
export function registerMediaTypes(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    if (request.routeOptions.config?.openapiRequestContent?.['multipart/form-data']) return;
    throw new UserError({
      status: 415,
      code: 'unsupported_media_type',
      title: 'Unsupported media type',
      detail: `${request.method} ${request.url.split('?')[0]} does not take multipart/form-data; ${ACCEPTED_MEDIA_TYPES}`,
    });
  });
}
