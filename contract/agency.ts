/** Agencies, municipalities and the caller (docs/API-CONTRACT.md, "Roles and agencies", "Reference data"). */
import type { AgencyKind, Role } from './agency-vocabulary';

/** A name in the languages it exists in; clients fall back fr → nl → de. */
export interface Name {
  fr?: string;
  nl?: string;
  de?: string;
  en?: string;
}

/** GET /api/agencies, and a mandate's recipient. */
export interface Agency {
  id: string;
  kind: AgencyKind;
  name: Name;
  language: string;
  judicialArrondissement?: string;
  province?: string;
}

/** GET /api/municipalities: a municipality by its NIS code, with the agencies competent for it. */
export interface Municipality {
  nis: string;
  name: Name;
  postalCodes: string[];
  province: string;
  judicialArrondissement: string;
  policeZoneId: string | null;
  justiceHouseIds: string[];
}

/** GET /api/whoami: the caller. */
export interface Whoami {
  user: string;
  role: Role;
  agencyId: string;
  agency?: Agency | null;
  province?: string;
  language: string;
  csrfToken?: string;
}

/** An API token as listed (never its secret, which only the creation's answer carries). */
export interface ApiToken {
  id: string;
  user: string;
  label: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** A user account, as an admin lists them. */
export interface User {
  name: string;
  role: Role;
  agencyId: string;
  language: string;
  disabled: boolean;
}
