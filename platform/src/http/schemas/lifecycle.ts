/** Schemas of the case's life (issue 15): the measure period and the four actions on a decision. */
import { GENERAL_CONDITIONS, PARTICULAR_CATEGORIES, PARTICULAR_TYPES } from '@iplus/contract';
import { nullableString } from './common';

const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' } as const;

const domicile = {
  type: 'object',
  required: ['street', 'number', 'postalCode'],
  additionalProperties: false,
  properties: {
    street: { type: 'string', minLength: 1, maxLength: 200 },
    number: { type: 'string', minLength: 1, maxLength: 20 },
    box: { type: 'string', maxLength: 20 },
    postalCode: { type: 'string', pattern: '^\\d{4}$' },
    municipalityNis: {
      type: 'string',
      pattern: '^\\d{5}$',
      description: 'Statbel code; resolved from the postal code when absent',
    },
  },
} as const;

const conditions = {
  type: 'object',
  required: ['general', 'particular'],
  additionalProperties: false,
  properties: {
    general: { type: 'array', items: { type: 'string', enum: [...GENERAL_CONDITIONS] } },
    particular: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        required: ['type', 'category', 'text'],
        additionalProperties: false,
        properties: {
          type: { type: 'string', enum: [...PARTICULAR_TYPES] },
          category: { type: 'string', enum: [...PARTICULAR_CATEGORIES] },
          text: { type: 'string', minLength: 1, maxLength: 2000 },
        },
      },
    },
  },
} as const;

export const MeasurePeriodSchema = {
  $id: 'MeasurePeriod',
  type: 'object',
  required: ['start', 'end', 'duration', 'awaitingRelease', 'releasedAt', 'endedAt'],
  properties: {
    start: nullableString,
    end: nullableString,
    duration: nullableString,
    awaitingRelease: { type: 'boolean' },
    releasedAt: nullableString,
    endedAt: nullableString,
  },
} as const;

export const RevisionInputSchema = {
  $id: 'RevisionInput',
  type: 'object',
  additionalProperties: false,
  description: 'New conditions (the whole set) and/or a new last day; at least one of the two.',
  properties: {
    conditions,
    measureEnd: date,
    reason: { type: 'string', maxLength: 2000 },
  },
} as const;

export const RevocationInputSchema = {
  $id: 'RevocationInput',
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 } },
} as const;

export const MoveInputSchema = {
  $id: 'MoveInput',
  type: 'object',
  required: ['domicile'],
  additionalProperties: false,
  properties: { domicile, note: { type: 'string', maxLength: 2000 } },
} as const;

export const ReleaseInputSchema = {
  $id: 'ReleaseInput',
  type: 'object',
  required: ['releasedAt'],
  additionalProperties: false,
  properties: {
    releasedAt: { type: 'string', format: 'date-time', description: 'ISO 8601 date-time of the release' },
    address: domicile,
  },
} as const;

/** The components of this file, in the order the server registers them. */
export const LifecycleSchemas = [
  MeasurePeriodSchema,
  RevisionInputSchema,
  RevocationInputSchema,
  MoveInputSchema,
  ReleaseInputSchema,
];
