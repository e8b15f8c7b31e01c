import type { FastifyInstance } from 'fastify';
import { UserError } from '../errors';

/** Deepest nesting accepted in a JSON body; a decision is about 5 levels deep. */
export const MAX_JSON_DEPTH = 32;

/** The nesting depth of a parsed JSON value, counted without recursion (no stack to overflow). */
export function jsonDepth(value: unknown, stopAt = Infinity): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > stopAt) return max;
    for (const child of Object.values(v as object)) stack.push([child, d + 1]);
  }
  return max;
}

/**
 * Says why a body the JSON parser refused is refused: fastify's own message ("Body is not valid
 * JSON") is also what a valid body with a `__proto__` key gets, which would send the sender hunting
 * for a syntax error that is not there.
 */
export function explainJsonError(err: Error, body: string): Error {
  if (body.length === 0) return err;
  try {
    JSON.parse(body);
  } catch (syntax) {
    return new UserError({
      status: 400,
      code: 'bad_request',
      title: 'Body is not JSON',
      detail: `the body is not valid JSON (${(syntax as Error).message}); send JSON with Content-Type: application/json`,
    });
  }
  return new UserError({
    status: 400,
    code: 'bad_request',
    title: 'Forbidden key in JSON',
    detail:
      'the body has a "__proto__" or "constructor.prototype" key, which is refused (prototype pollution); remove it',
  });
}

/**
 * JSON bodies: fastify's own parser (which rejects `__proto__` / `constructor.prototype` keys), then a
 * depth limit. Size limits come from each route's `bodyLimit`.
 */
export function registerJsonBody(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parse(request, body as string, (err: Error | null, value?: unknown) => {
      if (err) return done(explainJsonError(err, body as string), undefined);
      if (jsonDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
        return done(
          new UserError({
            status: 400,
            code: 'json_too_deep',
            title: 'JSON nested too deeply',
            detail: `the body nests deeper than ${MAX_JSON_DEPTH} levels; flatten it`,
          }),
          undefined,
        );
      }
      done(null, value);
    });
  });
}
