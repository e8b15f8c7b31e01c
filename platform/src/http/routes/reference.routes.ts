import { AGENCY_KINDS } from '@iplus/contract';
import type { FastifyInstance } from 'fastify';
import type { AgencyRef } from '../../reference-port';
import type { ApiDeps } from '../api-deps';
import { principalOf } from '../request-context';
import { problems } from '../schemas/common';

const tags = ['reference'];
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Agencies, municipalities and the coverage report: public to any authenticated caller, no personal data. */
export function referenceRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const ref = deps.ctx.reference;

  app.get<{ Querystring: { kind?: AgencyRef['kind']; q?: string; limit: number } }>(
    '/api/agencies',
    {
      schema: {
        operationId: 'listAgencies',
        summary:
          'Agencies: parquets, justice houses, police zones, monitoring centres, prisons, coordinators',
        tags,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            kind: { type: 'string', enum: [...AGENCY_KINDS] },
            q: { type: 'string', maxLength: 100, description: 'part of the id or of a name in any language' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 1000 },
          },
        },
        response: { 200: { type: 'array', items: { $ref: 'Agency#' } }, ...problems(400, 401) },
      },
    },
    async (request) => {
      principalOf(request);
      const { kind, q, limit } = request.query;
      let list = ref.agencies(kind);
      if (q) {
        const needle = fold(q);
        list = list.filter(
          (a) =>
            fold(a.id).includes(needle) || Object.values(a.name).some((n) => n && fold(n).includes(needle)),
        );
      }
      return list.slice(0, limit);
    },
  );

  app.get<{ Querystring: { q: string; limit: number } }>(
    '/api/municipalities',
    {
      schema: {
        operationId: 'searchMunicipalities',
        summary: 'Municipalities by name (any language, accents ignored) or postcode prefix',
        tags,
        querystring: {
          type: 'object',
          required: ['q'],
          additionalProperties: false,
          properties: {
            q: { type: 'string', minLength: 1, maxLength: 100 },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
          },
        },
        response: { 200: { type: 'array', items: { $ref: 'Municipality#' } }, ...problems(400, 401) },
      },
    },
    async (request) => {
      principalOf(request);
      return ref.searchMunicipalities(request.query.q, request.query.limit).map((m) => ({
        nis: m.nis,
        name: m.name,
        postalCodes: m.postalCodes,
        province: m.province,
        judicialArrondissement: m.judicialArrondissement,
        policeZoneId: m.policeZoneId,
        justiceHouseIds: m.justiceHouseIds,
      }));
    },
  );

  app.get(
    '/api/reference/coverage',
    {
      schema: {
        operationId: 'getCoverage',
        summary: 'The gaps and doubts of the reference data (counts and lists)',
        tags,
        response: { 200: { type: 'object', additionalProperties: true }, ...problems(401) },
      },
    },
    async (request) => {
      principalOf(request);
      return ref.coverage();
    },
  );
}

export const MunicipalitySchema = {
  $id: 'Municipality',
  type: 'object',
  required: [
    'nis',
    'name',
    'postalCodes',
    'province',
    'judicialArrondissement',
    'policeZoneId',
    'justiceHouseIds',
  ],
  properties: {
    nis: { type: 'string' },
    name: { $ref: 'Name#' },
    postalCodes: { type: 'array', items: { type: 'string' } },
    province: { type: 'string' },
    judicialArrondissement: { type: 'string' },
    policeZoneId: { type: ['string', 'null'] },
    justiceHouseIds: { type: 'array', items: { type: 'string' } },
  },
} as const;
