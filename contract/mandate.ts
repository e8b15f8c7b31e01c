/** Mandates, their reports and the callback of an acknowledgement (docs/API-CONTRACT.md, "Mandates"). */
import type { Agency } from './agency';
import type { Conditions, Person } from './decision';
import type {
  MANDATE_ACKNOWLEDGED_EVENT,
  MandateKind,
  MandateStatus,
  ReportOutcome,
} from './mandate-vocabulary';
import type { MandateStatusView } from './outward-views';

export interface Report {
  outcome: ReportOutcome;
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
  /** The recipient agency, null when unknown. */
  recipient?: Agency | null;
  status: MandateStatus;
  deadline: string;
  /** Escalated, or still unacknowledged past its deadline. */
  overdue: boolean;
  escalatedAt: string | null;
  issuedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** No known recipient: addressed to the coordinator until assigned. */
  manualAssignment?: boolean;
  report: Report | null;
  /** The person and conditions of the decision, for the recipient (their reads are audited). */
  person?: Person;
  conditions?: Conditions;
  measure?: string;
}

/** POST /api/mandates/{id}/report */
export interface ReportInput {
  outcome: ReportOutcome;
  text?: string;
}

/** POST /api/mandates/{id}/callbacks answers with the callback's id and the URL it will call. */
export interface CallbackRegistration {
  id: string;
  url: string;
}

/**
 * What the platform POSTs to a registered callback URL when the mandate is acknowledged: the mandate's
 * ids and status, nothing of the decision (the receiver reads the mandate through the API if it needs
 * more, under its own credentials and audited).
 */
export interface AcknowledgementCallback {
  event: typeof MANDATE_ACKNOWLEDGED_EVENT;
  callbackId: string;
  mandate: MandateStatusView;
}
