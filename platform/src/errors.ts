/**
 * The three kinds of error (STYLE.md): a user error says what is wrong and how to fix it; an
 * operational error means a dependency is down and the call may be retried; anything else is a bug.
 */
import type { FieldProblem } from '@iplus/contract';

// A field at fault in a problem document: the contract's (contract/problem.ts).
export type { FieldProblem };

/** What a user error says: its HTTP status, a stable code, a short title, what is wrong and how to fix it. */
export interface UserErrorOptions {
  status: number;
  code: string;
  title: string;
  detail: string;
  /** The fields at fault, each with what is wrong with it. */
  errors?: FieldProblem[];
}

/** Bad input or a forbidden request: the caller can fix it. Becomes a 4xx problem document. */
export class UserError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors?: FieldProblem[];

  constructor(options: UserErrorOptions) {
    super(options.detail);
    this.name = 'UserError';
    this.status = options.status;
    this.code = options.code;
    this.title = options.title;
    this.detail = options.detail;
    this.errors = options.errors;
  }
}

/** A dependency (engine, BNG endpoint, disk) is unavailable: retry later. Becomes a 503. */
export class OperationalError extends Error {
  /** What the caller should do, appended to the 503's detail ("retry in a few seconds" by default). */
  readonly advice: string;

  constructor(
    readonly code: string,
    readonly detail: string,
    options?: { cause?: unknown; advice?: string },
  ) {
    super(detail, options);
    this.name = 'OperationalError';
    this.advice = options?.advice ?? 'retry in a few seconds';
  }
}

/** Shorthands for the user errors the API raises most. */
export const notFound = (what: string, id: string): UserError =>
  new UserError({
    status: 404,
    code: 'not_found',
    title: 'Not found',
    detail: `${what} ${id} does not exist; check the id.`,
  });

export const forbidden = (detail: string): UserError =>
  new UserError({ status: 403, code: 'forbidden', title: 'Forbidden', detail });

export const invalid = (errors: FieldProblem[], detail?: string): UserError =>
  new UserError({
    status: 400,
    code: 'validation_failed',
    title: 'The request is not valid',
    detail:
      detail ??
      `${errors.length} field(s) are not valid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    errors,
  });

export const conflict = (code: string, detail: string): UserError =>
  new UserError({ status: 409, code, title: 'Conflict', detail });
