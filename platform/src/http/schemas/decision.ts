import {
  AUTHORITIES,
  CASE_LANGUAGES,
  DECISION_STATUSES,
  GENERAL_CONDITIONS,
  MANDATE_KINDS,
  MANDATE_STATUSES,
  MEASURES,
  NOTIFICATION_KINDS,
  PARTICULAR_CATEGORIES,
  PARTICULAR_TYPES,
  REPORT_OUTCOMES,
  SIGNALEMENT_REGISTERS,
} from '@iplus/contract';
import { AgencySchema, nullableString } from './common';

const domicile = {
  type: 'object',
  properties: {
    street: { type: 'string' },
    number: { type: 'string' },
    box: { type: 'string' },
    postalCode: { type: 'string' },
    municipalityNis: { type: 'string' },
  },
} as const;

/**
 * The conditions and the person of a decision as the platform stores them (domain/decision-types.ts:
 * the validator refuses any other field, so these properties are all there is). Typed rather than
 * `additionalProperties: true` in the views that repeat them: the serializer then writes them
 * without looking at each key (an inbox page of 50 mandates in half the time).
 */
const conditions = {
  type: 'object',
  properties: {
    general: { type: 'array', items: { type: 'string', enum: [...GENERAL_CONDITIONS] } },
    particular: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          type: { type: 'string', enum: [...PARTICULAR_TYPES] },
          category: { type: 'string', enum: [...PARTICULAR_CATEGORIES] },
          text: { type: 'string' },
        },
      },
    },
  },
} as const;

const person = {
  type: 'object',
  properties: {
    nrn: {
      type: 'string',
      description: 'national register number, 11 digits (dots, dashes, spaces allowed)',
    },
    lastName: { type: 'string' },
    firstNames: { type: 'string' },
    birthDate: { type: 'string' },
    domicile,
  },
} as const;

/**
 * The same, as the views show them (after validation): what the validator always sets is required,
 * so the serializer and the contract agree on it. Not used for the upload, whose rules the domain
 * validator enforces with its own field errors.
 */
const storedConditions = {
  ...conditions,
  required: ['general', 'particular'],
  properties: {
    ...conditions.properties,
    particular: {
      ...conditions.properties.particular,
      items: { ...conditions.properties.particular.items, required: ['type', 'category', 'text'] },
    },
  },
} as const;

const storedPerson = {
  ...person,
  required: ['nrn', 'lastName', 'firstNames', 'domicile'],
  properties: {
    ...person.properties,
    domicile: { ...domicile, required: ['street', 'number'] },
  },
} as const;

/**
 * The decision a parquet uploads. Its structure is documented here; its rules (NRN check digits,
 * known NIS codes, dates…) are enforced by the domain validator, which names each field at fault.
 */
export const DecisionInputSchema = {
  $id: 'DecisionInput',
  type: 'object',
  required: ['reference', 'authority', 'decisionDate', 'measure', 'conditions', 'person'],
  properties: {
    reference: { type: 'string', description: 'idempotency key: the court or parquet number' },
    authority: { type: 'string', enum: [...AUTHORITIES] },
    court: { type: 'string' },
    decisionDate: { type: 'string', description: 'YYYY-MM-DD' },
    measure: { type: 'string', enum: [...MEASURES] },
    electronicMonitoring: { type: 'boolean', description: 'defaults to measure == electronic_monitoring' },
    prisonId: { type: 'string' },
    language: {
      type: 'string',
      enum: [...CASE_LANGUAGES],
      description: 'language of the proceedings; required for a Brussels domicile',
    },
    conditions,
    person,
    measureStart: { type: 'string', description: "YYYY-MM-DD: the measure's first day" },
    measureEnd: { type: 'string', description: "YYYY-MM-DD: the measure's last day" },
    measureDuration: {
      type: 'string',
      description: 'ISO 8601 duration in days or weeks (P730D), counted from the release or the start',
    },
    awaitingRelease: {
      type: 'boolean',
      description: "the person is still detained: mandates wait for a prison's release announcement",
    },
  },
} as const;

export const RoutingSchema = {
  $id: 'Routing',
  type: 'object',
  required: [
    'nis',
    'measure',
    'province',
    'judicialArrondissement',
    'parquetId',
    'policeZoneId',
    'justiceHouseId',
    'monitoringCentreId',
    'live',
    'recipients',
  ],
  properties: {
    nis: { type: 'string' },
    measure: { type: 'string' },
    province: { type: 'string' },
    judicialArrondissement: nullableString,
    parquetId: nullableString,
    policeZoneId: nullableString,
    justiceHouseId: nullableString,
    monitoringCentreId: nullableString,
    live: { type: 'boolean' },
    recipients: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'agencyId'],
        properties: { kind: { type: 'string', enum: [...MANDATE_KINDS] }, agencyId: nullableString },
      },
    },
    manualAssignment: { type: 'array', items: { type: 'string' } },
    notes: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const SignalementSchema = {
  $id: 'Signalement',
  type: 'object',
  required: ['id', 'decisionId', 'register', 'status', 'createdAt'],
  properties: {
    id: { type: 'string' },
    decisionId: { type: 'string' },
    register: {
      type: 'string',
      enum: [...SIGNALEMENT_REGISTERS],
      description: "iplus-register: the platform's own register (default adapter)",
    },
    externalId: nullableString,
    status: { type: 'string' },
    createdAt: { type: 'string' },
    person: storedPerson,
    conditions: storedConditions,
  },
} as const;

export const ReportSchema = {
  $id: 'Report',
  type: ['object', 'null'],
  required: ['outcome', 'breach', 'at', 'by'],
  properties: {
    outcome: { type: 'string', enum: [...REPORT_OUTCOMES] },
    breach: { type: 'boolean' },
    text: { type: 'string' },
    at: { type: 'string' },
    by: { type: 'string' },
  },
} as const;

export const MandateSchema = {
  $id: 'Mandate',
  type: 'object',
  required: [
    'id',
    'decisionId',
    'kind',
    'recipientId',
    'status',
    'deadline',
    'overdue',
    'escalatedAt',
    'issuedAt',
    'acknowledgedAt',
    'acknowledgedBy',
    'report',
  ],
  properties: {
    id: { type: 'string' },
    decisionId: { type: 'string' },
    kind: { type: 'string', enum: [...MANDATE_KINDS] },
    recipientId: { type: 'string' },
    // Inline rather than anyOf: the serializer handles a nullable object without validating each item.
    recipient: {
      type: ['object', 'null'],
      description: 'the Agency, null when unknown',
      required: AgencySchema.required,
      properties: AgencySchema.properties,
    },
    status: { type: 'string', enum: [...MANDATE_STATUSES] },
    deadline: { type: 'string' },
    overdue: { type: 'boolean' },
    escalatedAt: nullableString,
    issuedAt: { type: 'string' },
    acknowledgedAt: nullableString,
    acknowledgedBy: nullableString,
    manualAssignment: {
      type: 'boolean',
      description: 'no known recipient: addressed to the coordinator until assigned',
    },
    report: { $ref: 'Report#' },
    person: storedPerson,
    conditions: storedConditions,
    measure: { type: 'string' },
  },
} as const;

export const DecisionSchema = {
  $id: 'Decision',
  type: 'object',
  required: [
    'id',
    'reference',
    'status',
    'processInstanceKey',
    'parquetId',
    'province',
    'createdAt',
    'input',
    'documentSha256',
    'routing',
    'signalement',
    'mandates',
    'timeline',
  ],
  properties: {
    id: { type: 'string' },
    reference: { type: 'string' },
    status: { type: 'string', enum: [...DECISION_STATUSES] },
    processInstanceKey: nullableString,
    parquetId: { type: 'string' },
    province: { type: 'string' },
    createdAt: { type: 'string' },
    input: { type: 'object', additionalProperties: true },
    documentSha256: { type: 'string' },
    measurePeriod: { $ref: 'MeasurePeriod#' },
    routing: { anyOf: [{ $ref: 'Routing#' }, { type: 'null' }] },
    signalement: { anyOf: [{ $ref: 'Signalement#' }, { type: 'null' }] },
    mandates: { type: 'array', items: { $ref: 'Mandate#' } },
    timeline: {
      type: 'array',
      items: {
        type: 'object',
        required: ['at', 'event', 'delayMs'],
        properties: {
          at: { type: 'string' },
          event: { type: 'string' },
          mandateId: { type: 'string' },
          agencyId: { type: 'string' },
          delayMs: { type: 'integer' },
        },
      },
    },
  },
} as const;

export const NotificationSchema = {
  $id: 'Notification',
  type: 'object',
  required: ['id', 'kind', 'agencyId', 'decisionId', 'createdAt'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: [...NOTIFICATION_KINDS] },
    agencyId: { type: 'string' },
    decisionId: { type: 'string' },
    mandateId: { type: 'string' },
    createdAt: { type: 'string' },
    handledAt: { type: 'string' },
    handledBy: { type: 'string' },
    detail: { type: 'string' },
  },
} as const;

const {
  routing: _routing,
  signalement: _signalement,
  mandates: _mandates,
  timeline: _timeline,
  ...summaryProperties
} = DecisionSchema.properties;

export const DecisionSummarySchema = {
  $id: 'DecisionSummary',
  type: 'object',
  description:
    'A Decision as listed: without routing, signalement, mandates and timeline (GET /api/decisions/{id} has them).',
  required: DecisionSchema.required.filter(
    (name) => !['routing', 'signalement', 'mandates', 'timeline'].includes(name),
  ),
  properties: summaryProperties,
} as const;
