/** Schemas shared by many routes, registered once with `app.addSchema` (they become OpenAPI components). */
import { AGENCY_KINDS } from '@iplus/contract';

export const nullableString = { type: ['string', 'null'] } as const;

export const ProblemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 7807 problem document; code is a stable slug, errors name the fields at fault.',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'code', 'message'],
        properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

export const NameSchema = {
  $id: 'Name',
  type: 'object',
  description: 'A name in the languages it exists in; clients fall back fr → nl → de.',
  properties: {
    fr: { type: 'string' },
    nl: { type: 'string' },
    de: { type: 'string' },
    en: { type: 'string' },
  },
} as const;

export const AgencySchema = {
  $id: 'Agency',
  type: 'object',
  required: ['id', 'kind', 'name', 'language'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: [...AGENCY_KINDS] },
    name: { $ref: 'Name#' },
    language: { type: 'string' },
    judicialArrondissement: { type: 'string' },
    province: { type: 'string' },
  },
} as const;

/** Standard problem responses, to spread into a route's `response`. */
export const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [s, { $ref: 'Problem#', description: PROBLEM_TEXT[s] ?? 'Problem' }]),
  );

const PROBLEM_TEXT: Record<number, string> = {
  400: 'The request is not valid (errors[] names each field)',
  401: 'Not authenticated: log in or send a bearer token',
  403: 'Not allowed for this caller (audited when it concerns personal data)',
  404: 'No such object',
  409: 'Conflicts with the current state',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Understood but rejected (e.g. an invalid model or a failing test case)',
  503: 'A dependency is down; retry later',
};

/** `?limit=&cursor=` of every list endpoint. */
export const pagingQuery = {
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 50, description: 'page size (max 500)' },
  cursor: { type: 'string', maxLength: 200, description: 'opaque cursor from nextCursor' },
} as const;

/** `{ items, nextCursor }` around a shared schema. */
export const page = (ref: string) => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: { $ref: `${ref}#` } }, nextCursor: nullableString },
});

/** The header recorded in the audit log as the reason of a read or change of personal data. */
export const justificationHeader = {
  type: 'object',
  properties: {
    'x-justification': {
      type: 'string',
      maxLength: 500,
      description: 'why the caller needs this data (audit log)',
    },
  },
} as const;

/** The 200 response of an endpoint that answers with a PDF document. */
export const pdfResponse = {
  description: 'The PDF',
  content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
} as const;
