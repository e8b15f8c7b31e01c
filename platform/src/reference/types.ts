/** The shapes of the Belgian reference data (municipalities, agencies, provinces, coverage). */
import type { AgencyKind } from '@iplus/contract';

/** A multilingual name; a language is absent when the sources have no name in it. */
export type Names = { fr?: string; nl?: string; de?: string };

// The kinds of agency are the contract's (contract/agency-vocabulary.ts).
export type { AgencyKind };

/** Language area of a municipality: `fr-nl` is bilingual Brussels. */
export type LanguageArea = 'nl' | 'fr' | 'de' | 'fr-nl';

export interface Municipality {
  /** Statbel REFNIS code, state of 1 January 2025. */
  nis: string;
  name: Names;
  postalCodes: string[];
  /** ISO 3166-2 code; 'BE-BRU' for the 19 Brussels municipalities. */
  province: string;
  /** 'BE-VLG', 'BE-WAL' or 'BE-BRU'. */
  region: string;
  languageArea: LanguageArea;
  /** One of the 12 judicial arrondissements, in its own language ('Hainaut', 'Brussel/Bruxelles'). */
  judicialArrondissement: string;
  /** Division of the court of first instance; null where the sources do not establish it. */
  judicialDivision: string | null;
  parquetId: string | null;
  /** Null when no known police zone covers the municipality: routing then asks the coordinator. */
  policeZoneId: string | null;
  /** Brussels has two (French- and Dutch-speaking); empty when not established. */
  justiceHouseIds: string[];
}

export interface Agency {
  id: string;
  kind: AgencyKind;
  name: Names;
  language: string;
  judicialArrondissement?: string;
  /** Set when every municipality the agency serves lies in one province (or for coordination: its province). */
  province?: string;
  seatNis?: string;
}

export interface Province {
  code: string;
  name: Names;
  judicialArrondissements: string[];
}

/** A municipality named in the coverage report, with why it is listed. */
export interface CoverageEntry {
  nis: string;
  name: string;
  province: string;
  reason: string;
}

/** A doubt from the sources' README (§6) that affects routing, with what iplus does about it. */
export interface CoverageDoubt {
  id: string;
  title: string;
  detail: string;
  effect: string;
  municipalities: string[];
}

/** The gaps and doubts of the reference data, counted and listed (GET /api/reference/coverage). */
export interface CoverageReport {
  referenceDate: string;
  counts: {
    municipalities: number;
    withPoliceZone: number;
    withPoliceZoneCode: number;
    withJusticeHouse: number;
    withSingleJusticeHouse: number;
    withJudicialDivision: number;
    postalCodes: number;
    agencies: Record<AgencyKind, number>;
  };
  /** No known police zone: the police mandate goes to the coordinator for manual assignment. */
  withoutPoliceZone: CoverageEntry[];
  /** A known zone whose official number was not found: routed to its `PZ-<NAME>` id. */
  policeZonesWithoutCode: Array<{ id: string; name: string; municipalities: string[]; note: string }>;
  /** No justice house established: the guidance mandate goes to the coordinator. */
  withoutJusticeHouse: CoverageEntry[];
  withoutJudicialDivision: CoverageEntry[];
  /** Municipalities served by two houses; the rule that picks one. */
  twoJusticeHouses: { rule: string; municipalities: CoverageEntry[] };
  /** Postal codes of the 2013 list absent from the current address register (not added). */
  postalCodesNotInRegister: string[];
  doubts: CoverageDoubt[];
}

/** Read access to the shipped reference data; pure lookups, no I/O after loading. */
export interface ReferenceData {
  municipality(nis: string): Municipality | undefined;
  municipalities(): readonly Municipality[];
  municipalitiesByPostalCode(postalCode: string): Municipality[];
  /** Name in any language (accent- and case-insensitive, prefix matches first) or postcode prefix. */
  searchMunicipalities(query: string, limit: number): Municipality[];
  agency(id: string): Agency | undefined;
  agencies(kind?: AgencyKind): readonly Agency[];
  provinces(): Province[];
  coverage(): CoverageReport;
}
