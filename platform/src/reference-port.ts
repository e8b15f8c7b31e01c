/**
 * What the service needs from the reference data and the domain rules, as narrow interfaces. The
 * domain engineer's `reference/` and `domain/` modules satisfy them; `compose-context.ts` wires them in, so the
 * service's parts can be tested with a small stand-in of real Belgian data.
 */
import type { AgencyKind } from '@iplus/contract';

export type Names = { fr?: string; nl?: string; de?: string; en?: string };

export interface AgencyRef {
  id: string;
  kind: AgencyKind;
  name: Names;
  language: string;
  judicialArrondissement?: string;
  province?: string;
}

export interface MunicipalityRef {
  nis: string;
  name: Names;
  postalCodes: string[];
  province: string;
  languageArea: string;
  judicialArrondissement: string;
  parquetId: string | null;
  policeZoneId: string | null;
  justiceHouseIds: string[];
}

export interface ReferenceLookup {
  municipality(nis: string): MunicipalityRef | undefined;
  /** Every municipality (565); filter by province for a province's list. */
  municipalities(): readonly MunicipalityRef[];
  municipalitiesByPostalCode(postalCode: string): MunicipalityRef[];
  searchMunicipalities(query: string, limit: number): MunicipalityRef[];
  agency(id: string): AgencyRef | undefined;
  agencies(kind?: AgencyRef['kind']): readonly AgencyRef[];
  provinces(): Array<{ code: string; name: Names; judicialArrondissements: string[] }>;
  coverage(): unknown;
}

/** The parts of a validated decision the service reads (the domain's DecisionInput has them all). */
export interface DecisionFacts {
  reference: string;
  measure: string;
  electronicMonitoring?: boolean;
  prisonId?: string;
  /** Language of the proceedings (fr, nl, de); picks the Brussels justice house. */
  language?: string;
  person: {
    nrn: string;
    lastName: string;
    firstNames: string;
    birthDate?: string;
    domicile: { municipalityNis?: string; postalCode?: string; [k: string]: unknown };
  };
  conditions: unknown;
  [k: string]: unknown;
}

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** The domain's decision rules: validation (every problem at once) and canonical JSON for idempotency. */
export interface DecisionRules {
  validate(raw: unknown): { ok: true; value: DecisionFacts } | { ok: false; errors: FieldError[] };
  canonicalJson(value: DecisionFacts): string;
  /** Report outcomes that are breaches (address_not_verified, person_absent, condition_broken). */
  breachOutcomes: readonly string[];
  reportOutcomes: readonly string[];
  measures: readonly string[];
}
