/**
 * RFC 7807 problem documents, as every error response of the platform is one (media type
 * application/problem+json; docs/API-CONTRACT.md, "Conventions"). `code` is a stable slug a client
 * translates; `errors` names each field at fault.
 */

/** One field at fault: `field` is its path in the request body (`person.nrn`, `conditions.particular[0].text`). */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldProblem[];
}

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** True when `body` has the shape of a problem document (a client reads a response it did not check). */
export function isProblem(body: unknown): body is Problem {
  if (!body || typeof body !== 'object') return false;
  const b = body as Record<string, unknown>;
  return (
    typeof b.status === 'number' &&
    typeof b.title === 'string' &&
    typeof b.detail === 'string' &&
    typeof b.code === 'string' &&
    (b.errors === undefined || Array.isArray(b.errors))
  );
}

/**
 * The message a user reads for a problem, in the platform's own words: the detail, then each field
 * error as `field: message`.
 */
export function problemMessage(problem: Pick<Problem, 'detail' | 'errors'> & { title?: string }): string {
  const lines = [problem.detail || problem.title || 'The platform refused the request'];
  for (const e of problem.errors ?? []) lines.push(`${e.field}: ${e.message}`);
  return lines.join('\n');
}
