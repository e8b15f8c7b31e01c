/** RFC 7807 problem documents as the platform sends them (docs/API-CONTRACT.md, "Conventions"). */
import type {
  FieldProblem as ContractFieldProblem,
  Problem as ContractProblem,
} from '../../../contract/index';

/**
 * The contract's problem document as the browser receives it: a body that is not the platform's (a
 * proxy's 502) may lack any field but the status, which the response always has.
 */
export type FieldProblem = Omit<ContractFieldProblem, 'message'> & { message?: string };
export type Problem = Partial<Omit<ContractProblem, 'status' | 'errors'>> & {
  status: number;
  errors?: FieldProblem[];
};

/** A failed API call: the problem document, or one made up from the status when the body was not one. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
  }
}

/** Reads a response body into a problem, tolerating bodies that are not problem documents. */
export function toProblem(status: number, body: unknown): Problem {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const errors = Array.isArray(b.errors)
      ? (b.errors as unknown[])
          .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
          .map((e) => ({
            field: typeof e.field === 'string' ? e.field : '',
            code: typeof e.code === 'string' ? e.code : 'invalid',
            message: typeof e.message === 'string' ? e.message : undefined,
          }))
      : undefined;
    return {
      type: typeof b.type === 'string' ? b.type : undefined,
      title: typeof b.title === 'string' ? b.title : undefined,
      status: typeof b.status === 'number' ? b.status : status,
      detail: typeof b.detail === 'string' ? b.detail : typeof b.message === 'string' ? b.message : undefined,
      code: typeof b.code === 'string' ? b.code : undefined,
      errors,
    };
  }
  return { status, code: status >= 500 ? 'server_error' : undefined };
}

/**
 * Field problems grouped by the JSON path of the field (`person.nrn`), so a form shows each next to
 * its field; problems without a field come under "".
 */
export function problemsByField(problem: Problem | undefined): Map<string, FieldProblem[]> {
  const map = new Map<string, FieldProblem[]>();
  for (const e of problem?.errors ?? []) {
    const field = normaliseField(e.field);
    map.set(field, [...(map.get(field) ?? []), e]);
  }
  return map;
}

/** `/person/nrn`, `decision.person.nrn`, `person[nrn]` and `$.person.nrn` all become `person.nrn`. */
export function normaliseField(field: string): string {
  return field
    .replace(/^\$\.?/, '')
    .replace(/^\//, '')
    .replace(/\//g, '.')
    .replace(/\[(\w+)\]/g, '.$1')
    .replace(/^decision\./, '')
    .replace(/^\./, '');
}
