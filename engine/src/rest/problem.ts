import { Rejection, type RejectionCode } from '../errors';

/**
 * An RFC 7807 problem the read API answers with. `title` is Camunda's (the gRPC-style code name,
 * such as INVALID_ARGUMENT or NOT_FOUND); `detail` says what is wrong and how to fix it.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }
}

/** A request the client must change (unknown field, bad value, malformed JSON...). */
export const badRequest = (detail: string) => new ApiProblem(400, 'INVALID_ARGUMENT', detail);

/** An entity that does not exist. */
export const notFoundProblem = (detail: string) => new ApiProblem(404, 'NOT_FOUND', detail);

const STATUS_OF: Record<RejectionCode, number> = {
  NOT_FOUND: 404,
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 409,
  ALREADY_EXISTS: 409,
  RESOURCE_EXHAUSTED: 503,
  DEADLINE_EXCEEDED: 504,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The problem for an error thrown by the engine or by a handler; unknown errors become 500. */
export function problemOf(e: unknown): ApiProblem {
  if (e instanceof ApiProblem) return e;
  if (e instanceof Rejection) return new ApiProblem(STATUS_OF[e.code] ?? 500, e.code, e.message);
  return new ApiProblem(
    500,
    'INTERNAL',
    `unexpected error in the engine's read API (a bug; the engine log has the stack): ${(e as Error)?.message ?? String(e)}`,
  );
}

/** The problem document's body, with `instance` the request path it answers. */
export function problemBody(p: ApiProblem, instance: string): Record<string, unknown> {
  return { type: 'about:blank', title: p.title, status: p.status, detail: p.detail, instance };
}
