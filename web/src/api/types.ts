/** The shapes of docs/API-CONTRACT.md, as the web UI reads them. */
import type { Names } from '../i18n/language';

export type Role =
  | 'parquet_clerk'
  | 'police_agent'
  | 'justice_assistant'
  | 'monitoring_operator'
  | 'prison_officer'
  | 'coordinator'
  | 'analyst'
  | 'admin';

export type AgencyKind =
  | 'parquet'
  | 'justice_house'
  | 'police_zone'
  | 'em_centre'
  | 'prison'
  | 'coordination';

export interface Agency {
  id: string;
  kind: AgencyKind;
  name: Names;
  language?: string;
  judicialArrondissement?: string;
  province?: string;
}

export interface Whoami {
  user: string;
  role: Role;
  agencyId: string;
  agency?: Agency;
  province?: string;
  language: string;
  csrfToken?: string;
  /** True while demo accounts are enabled: the header shows a warning (issue 12). */
  demoUsers?: boolean;
}

export interface Municipality {
  nis: string;
  name: Names;
  postalCodes: string[];
  province: string;
  judicialArrondissement: string;
  policeZoneId: string | null;
  justiceHouseIds: string[];
}

export const AUTHORITIES = [
  'court',
  'sentence_enforcement_court',
  'investigating_judge',
  'minister',
] as const;
export const MEASURES = [
  'conditional_release',
  'electronic_monitoring',
  'limited_detention',
  'provisional_release_for_removal',
  'release_under_conditions',
  'probation',
  'release_on_trial_internment',
  'prison_leave',
] as const;
export const GENERAL_CONDITIONS = ['no_new_offences', 'fixed_address', 'respond_to_summons'] as const;
export const PARTICULAR_TYPES = ['obligation', 'prohibition'] as const;
export const PARTICULAR_CATEGORIES = [
  'treatment',
  'training_or_work',
  'contact_ban',
  'area_ban',
  'residence',
  'curfew',
  'alcohol_drugs',
  'compensation',
  'other',
] as const;
export const MANDATE_KINDS = ['police_check', 'guidance', 'monitoring'] as const;
export const REPORT_OUTCOMES = [
  'address_verified',
  'address_not_verified',
  'interview_held',
  'person_absent',
  'condition_broken',
  'guidance_started',
] as const;
export const BREACH_OUTCOMES: readonly string[] = [
  'address_not_verified',
  'person_absent',
  'condition_broken',
];

export type Measure = (typeof MEASURES)[number];
export type MandateKind = (typeof MANDATE_KINDS)[number];

export interface ParticularCondition {
  type: (typeof PARTICULAR_TYPES)[number];
  category: (typeof PARTICULAR_CATEGORIES)[number];
  text: string;
}

export interface Conditions {
  general: string[];
  particular: ParticularCondition[];
}

export interface Domicile {
  street: string;
  number: string;
  box?: string;
  postalCode: string;
  municipalityNis?: string;
}

export interface Person {
  nrn: string;
  lastName: string;
  firstNames: string;
  birthDate: string;
  domicile: Domicile;
}

export interface DecisionInput {
  reference: string;
  authority: string;
  court: string;
  decisionDate: string;
  measure: string;
  electronicMonitoring?: boolean;
  prisonId?: string;
  conditions: Conditions;
  person: Person;
}

export interface Recipient {
  kind: MandateKind;
  agencyId: string;
}

export interface Routing {
  nis: string;
  measure: string;
  province: string;
  judicialArrondissement: string;
  parquetId: string;
  policeZoneId: string | null;
  justiceHouseId: string | null;
  monitoringCentreId: string | null;
  live: boolean;
  recipients: Recipient[];
  manualAssignment?: string[];
  notes?: string[];
}

export interface Report {
  outcome: string;
  breach: boolean;
  text?: string;
  at: string;
  by: string;
}

export interface Mandate {
  id: string;
  decisionId: string;
  kind: MandateKind;
  recipientId: string;
  recipient?: Agency;
  status: 'issued' | 'acknowledged' | 'reported';
  deadline: string;
  overdue: boolean;
  escalatedAt: string | null;
  issuedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  report: Report | null;
  person?: Person;
  conditions?: Conditions;
  measure?: string;
}

export interface Signalement {
  id: string;
  decisionId: string;
  register: 'iplus-register' | 'bng-http' | string;
  externalId?: string;
  status: string;
  createdAt: string;
}

export interface TimelineEvent {
  at: string;
  event: string;
  mandateId?: string;
  agencyId?: string;
  delayMs?: number;
}

export interface Decision {
  id: string;
  reference: string;
  status: string;
  processInstanceKey?: string;
  parquetId: string;
  createdAt: string;
  input: DecisionInput;
  documentSha256?: string;
  routing: Routing | null;
  signalement: Signalement | null;
  mandates: Mandate[];
  timeline: TimelineEvent[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Notification {
  id: string;
  kind: 'escalation' | 'breach' | 'old_channel' | 'manual_assignment';
  agencyId: string;
  decisionId: string;
  mandateId?: string;
  createdAt: string;
  handledAt?: string | null;
  handledBy?: string | null;
  detail?: string | Record<string, unknown>;
}

export interface RoutingTableSummary {
  province: string;
  decisionId: string;
  version: number;
  deployedAt: string;
}

export interface RoutingExpectation {
  policeZoneId?: string | null;
  justiceHouseId?: string | null;
  monitoringCentreId?: string | null;
  live?: boolean;
}

export interface RoutingTest {
  name: string;
  nis: string;
  measure: string;
  expect: RoutingExpectation;
}

export interface RoutingTable {
  province: string;
  decisionId: string;
  version: number;
  xml: string;
  tests: RoutingTest[];
}

export interface RoutingVersion {
  version: number;
  deployedAt: string;
  deployedBy: string;
  comment?: string | null;
}

export interface Rollout {
  provinces: Array<{
    province: string;
    live: boolean;
    arrondissements: Array<{ name: string; live: boolean }>;
  }>;
}

export interface ModelVersion {
  bpmnProcessId: string;
  version: number;
  key: string;
  deployedAt: string;
  deployedBy?: string;
}

export interface Timeliness {
  byProvince: Array<{ province: string; count: number; p50Ms: number; p90Ms: number }>;
  overdue: number;
  perDay: Array<{ day: string; uploaded: number; acknowledged: number }>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  user: string;
  agencyId: string;
  action: string;
  object: string;
  justification?: string | null;
  outcome: string;
  hash: string;
  prevHash: string;
}
