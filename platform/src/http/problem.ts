import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Problem } from '@iplus/contract';
import { OperationalError, UserError, type FieldProblem } from '../errors';
import type { Logger } from '../logger';
import { ACCEPTED_MEDIA_TYPES } from './media-types';

/** An RFC 7807 problem document as the contract describes it (contract/problem.ts). */
export type { Problem };

const PROBLEM_BASE = 'https://iplus.example/problems/';

/** Builds a problem document; `code` is the stable slug the UI translates. */
export function problem(
  status: number,
  code: string,
  title: string,
  detail: string,
  errors?: FieldProblem[],
): Problem {
  return { type: PROBLEM_BASE + code, title, status, detail, code, ...(errors ? { errors } : {}) };
}

/** Sends a problem document with the right media type. */
export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}

/** `/decision/person/nrn` → `decision.person.nrn`; array indexes as `[0]`. */
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

interface AjvError {
  instancePath?: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

// Schema keywords mapped onto the codes the domain validator uses, so the UI translates one vocabulary.
const KEYWORD_CODES: Record<string, string> = {
  required: 'required',
  type: 'invalid_type',
  enum: 'invalid_value',
  additionalProperties: 'unknown_field',
  maxLength: 'too_long',
  maxItems: 'too_many',
  minLength: 'required',
};

/** Turns schema-validation errors into field problems that name the field and what is allowed. */
export function fieldProblems(errors: AjvError[], part: string): FieldProblem[] {
  return errors.map((e) => {
    let field = pointerToPath(e.instancePath ?? '');
    if (e.keyword === 'required')
      field = field ? `${field}.${String(e.params.missingProperty)}` : String(e.params.missingProperty);
    if (e.keyword === 'additionalProperties') {
      const extra = String(e.params.additionalProperty);
      field = field ? `${field}.${extra}` : extra;
    }
    const where = field || part;
    let message: string;
    switch (e.keyword) {
      case 'required':
        message = `${where} is required`;
        break;
      case 'enum':
        message = `${where} must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
        break;
      case 'additionalProperties':
        message = `${where} is not a known field; remove it`;
        break;
      default:
        message = `${where} ${e.message ?? 'is not valid'}`;
    }
    return { field: where, code: KEYWORD_CODES[e.keyword] ?? 'invalid_value', message };
  });
}

/** The one error handler: user errors → 4xx, operational → 503, anything else → 500 (logged). */
export function errorHandler(logger: Logger) {
  return (
    error: FastifyError & { validation?: AjvError[]; validationContext?: string },
    request: FastifyRequest,
    reply: FastifyReply,
  ) => {
    if (error instanceof UserError) {
      return sendProblem(reply, problem(error.status, error.code, error.title, error.detail, error.errors));
    }
    if (error instanceof OperationalError) {
      logger.warn('dependency unavailable', { code: error.code, detail: error.detail, url: request.url });
      return sendProblem(
        reply.header('Retry-After', '5'),
        problem(503, error.code, 'Temporarily unavailable', `${error.detail}; ${error.advice}`),
      );
    }
    if (error.validation) {
      const part = error.validationContext ?? 'body';
      const errors = fieldProblems(error.validation, part);
      return sendProblem(
        reply,
        problem(
          400,
          'validation_failed',
          'The request is not valid',
          errors.map((e) => e.message).join('; '),
          errors,
        ),
      );
    }
    const status = error.statusCode ?? 500;
    if (
      status === 413 ||
      error.code === 'FST_REQ_FILE_TOO_LARGE' ||
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
    ) {
      return sendProblem(
        reply,
        problem(413, 'body_too_large', 'Request too large', `${error.message}; send a smaller request`),
      );
    }
    if (status === 415) {
      const sent = request.headers['content-type'];
      return sendProblem(
        reply,
        problem(
          415,
          'unsupported_media_type',
          'Unsupported media type',
          `${sent ? `Content-Type ${sent.split(';')[0]}` : 'a body without Content-Type'} is not accepted here; ${ACCEPTED_MEDIA_TYPES}`,
        ),
      );
    }
    if (status >= 400 && status < 500) {
      const code = status === 404 ? 'not_found' : 'bad_request';
      return sendProblem(reply, problem(status, code, 'Bad request', error.message));
    }
    logger.error('unexpected error', {
      url: request.url,
      method: request.method,
      error: error.stack ?? String(error),
    });
    return sendProblem(
      reply,
      problem(500, 'internal_error', 'Internal error', 'an unexpected error occurred; it has been logged'),
    );
  };
}
