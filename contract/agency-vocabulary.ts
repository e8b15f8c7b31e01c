/** Who takes part: the kinds of agency and the roles of their users (docs/API-CONTRACT.md, "Roles and agencies"). */

export const AGENCY_KINDS = [
  'parquet',
  'justice_house',
  'police_zone',
  'em_centre',
  'prison',
  'coordination',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const ROLES = [
  'parquet_clerk',
  'police_agent',
  'justice_assistant',
  'monitoring_operator',
  'prison_officer',
  'coordinator',
  'analyst',
  'admin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];
