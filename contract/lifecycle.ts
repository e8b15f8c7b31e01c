/**
 * The case's life after the upload (issue 15): the measure's period, and what the parquet, a police
 * zone and a prison can tell the platform about it (docs/API-CONTRACT.md, "The case's life").
 */
import type { Conditions, NewAddress } from './decision';

/** When the measure runs. All times are ISO 8601 (UTC); null where not known (yet). */
export interface MeasurePeriod {
  /** YYYY-MM-DD: the first day of the measure (the release when the person is still detained). */
  start: string | null;
  /** When the measure ends (date-time); null for an open-ended measure or one counted from a release still to come. */
  end: string | null;
  /** ISO 8601 duration counted from the release (P730D), when the decision gave one. */
  duration: string | null;
  /** The person is (or was) detained: mandates and their deadlines wait for the release. */
  awaitingRelease: boolean;
  /** The actual release a prison announced. */
  releasedAt: string | null;
  /** When the measure ended (end reached) or was revoked. */
  endedAt: string | null;
}

/** POST /api/decisions/{id}/revision: new conditions and/or a new end, by the decision's parquet. */
export interface RevisionInput {
  /** The full new set of conditions (replaces the old one). */
  conditions?: Conditions;
  /** YYYY-MM-DD: the new last day of the measure. */
  measureEnd?: string;
  /** Why (kept in the audit log and the recipients' notification). */
  reason?: string;
}

/** POST /api/decisions/{id}/revocation: the measure ends now (the police zone is told at once). */
export interface RevocationInput {
  reason: string;
}

/** POST /api/decisions/{id}/moves: the person's new domicile (parquet clerk, or the police zone holding a mandate). */
export interface MoveInput {
  domicile: NewAddress;
  /** What was found or decided (kept in the audit log). */
  note?: string;
}

/** POST /api/decisions/{id}/release: a prison officer announces the actual release. */
export interface ReleaseInput {
  /** ISO 8601 date-time of the actual release; deadlines count from it. */
  releasedAt: string;
  /** The address on release, when it is not the domicile of the decision. */
  address?: NewAddress;
}
