/** The decision a parquet uploads and the decision the platform answers with (docs/API-CONTRACT.md, "Decisions"). */
import type {
  Authority,
  CaseLanguage,
  DecisionStatus,
  GeneralCondition,
  Measure,
  ParticularCategory,
  ParticularType,
} from './decision-vocabulary';
import type { MeasurePeriod } from './lifecycle';
import type { Mandate } from './mandate';
import type { Routing } from './routing';
import type { Signalement } from './signalement';

export interface ParticularCondition {
  type: ParticularType;
  category: ParticularCategory;
  text: string;
}

export interface Conditions {
  general: GeneralCondition[];
  particular: ParticularCondition[];
}

export interface Domicile {
  street: string;
  number: string;
  box?: string;
  /** 4 digits; give it or `municipalityNis` (or both). Absent from the platform's views when it was not given. */
  postalCode?: string;
  /** Statbel's 5-digit code; when absent the platform resolves it from the postal code (so its views always have it). */
  municipalityNis?: string;
}

/** A new address (a move, the address on release): its postal code is required. */
export interface NewAddress extends Domicile {
  postalCode: string;
}

export interface Person {
  /** National register number, 11 digits (dots, dashes, spaces allowed): see `checkNrn`. */
  nrn: string;
  lastName: string;
  firstNames: string;
  /** YYYY-MM-DD; taken from the national register number when it encodes one and none is given. */
  birthDate?: string;
  domicile: Domicile;
}

/** POST /api/decisions: the structured part of the upload (the PDF comes beside it). */
export interface DecisionInput {
  /** Idempotency key: the court or parquet number. */
  reference: string;
  authority: Authority;
  court?: string;
  /** YYYY-MM-DD */
  decisionDate: string;
  measure: Measure;
  /** Defaults to measure == electronic_monitoring. */
  electronicMonitoring?: boolean;
  prisonId?: string;
  /** Language of the proceedings; required for a Brussels domicile. */
  language?: CaseLanguage;
  conditions: Conditions;
  person: Person;
  /** YYYY-MM-DD: the measure's first day (default: the decision date, or the release). */
  measureStart?: string;
  /** YYYY-MM-DD: the measure's last day; or give `measureDuration`. */
  measureEnd?: string;
  /** ISO 8601 duration in days or weeks (P730D), counted from the release (or the start). */
  measureDuration?: string;
  /** The person is still detained: mandates wait for a prison's release announcement. */
  awaitingRelease?: boolean;
}

export interface TimelineEvent {
  at: string;
  event: string;
  mandateId?: string;
  agencyId?: string;
  /** Milliseconds since the upload. */
  delayMs: number;
}

/** A decision as listed (GET /api/decisions): without routing, signalement, mandates and timeline. */
export interface DecisionSummary {
  id: string;
  reference: string;
  status: DecisionStatus;
  processInstanceKey: string | null;
  parquetId: string;
  province: string;
  createdAt: string;
  input: DecisionInput;
  documentSha256: string;
  /** When the measure runs (start, end, release, end reached or revoked). */
  measurePeriod?: MeasurePeriod;
}

/** GET /api/decisions/{id}, and the answer to an upload. */
export interface Decision extends DecisionSummary {
  routing: Routing | null;
  signalement: Signalement | null;
  mandates: Mandate[];
  timeline: TimelineEvent[];
}
