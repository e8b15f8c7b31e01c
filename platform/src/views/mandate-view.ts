import type { Selectable } from 'kysely';
import type { AgencyRef, ReferenceLookup } from '../reference-port';
import type { MandatesTable } from '../store/schema';

export type MandateRow = Selectable<MandatesTable>;

/**
 * The columns a view is built from. Lists select these and no more: the driver builds one object
 * property per column and row, and that was most of an inbox page's cost (issue 5's benchmark).
 */
export const MANDATE_VIEW_COLUMNS = [
  'id',
  'decision_id',
  'kind',
  'recipient_id',
  'status',
  'deadline',
  'overdue',
  'escalated_at',
  'issued_at',
  'acknowledged_at',
  'acknowledged_by',
  'manual_assignment',
  'report_outcome',
  'report_breach',
  'report_text',
  'report_at',
  'report_by',
] as const satisfies ReadonlyArray<keyof MandateRow>;

export type MandateViewRow = Pick<MandateRow, (typeof MANDATE_VIEW_COLUMNS)[number]>;

/** The Mandate of the contract, as the API and callbacks send it. */
export interface MandateView {
  id: string;
  decisionId: string;
  kind: string;
  recipientId: string;
  recipient: AgencyRef | null;
  status: string;
  deadline: string;
  overdue: boolean;
  escalatedAt: string | null;
  issuedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  manualAssignment: boolean;
  report: { outcome: string; breach: boolean; text: string; at: string; by: string } | null;
  person?: unknown;
  conditions?: unknown;
  measure?: string;
}

/**
 * Builds the contract's Mandate from its row and its decision's input. `now` (an ISO time, the same
 * for a whole page) decides `overdue`: escalated, or still unacknowledged past its deadline.
 */
export function mandateView(
  row: MandateViewRow,
  decisionInput: { person?: unknown; conditions?: unknown; measure?: string } | undefined,
  reference: ReferenceLookup,
  now: string,
): MandateView {
  const view: MandateView = {
    id: row.id,
    decisionId: row.decision_id,
    kind: row.kind,
    recipientId: row.recipient_id,
    recipient: reference.agency(row.recipient_id) ?? null,
    status: row.status,
    deadline: row.deadline,
    overdue: row.overdue === 1 || (row.status === 'issued' && row.deadline <= now),
    escalatedAt: row.escalated_at,
    issuedAt: row.issued_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
    manualAssignment: row.manual_assignment === 1,
    report:
      row.report_outcome && row.report_at && row.report_by
        ? {
            outcome: row.report_outcome,
            breach: row.report_breach === 1,
            text: row.report_text ?? '',
            at: row.report_at,
            by: row.report_by,
          }
        : null,
  };
  if (decisionInput) {
    view.person = decisionInput.person;
    view.conditions = decisionInput.conditions;
    view.measure = decisionInput.measure;
  }
  return view;
}
