import type { Insertable } from 'kysely';
import type { MandatesTable } from '../store/schema';

/**
 * A mandate row as a test inserts it straight into the store: issued by the process to the police
 * zone of Comines-Warneton (Hainaut, parquet Mons-Tournai), nothing after; `over` changes any column.
 */
export function mandateRow(
  id: string,
  decisionId: string,
  over: Partial<Insertable<MandatesTable>> = {},
): Insertable<MandatesTable> {
  return {
    id,
    decision_id: decisionId,
    kind: 'police_check',
    recipient_id: 'PZ-5318',
    province: 'BE-WHT',
    parquet_id: 'PAR-MONS-TOURNAI',
    origin: 'process',
    status: 'issued',
    issued_at: '2026-12-01T08:00:00.000Z',
    deadline: '2026-12-02T08:00:00.000Z',
    overdue: 0,
    escalated_at: null,
    acknowledged_at: null,
    acknowledged_by: null,
    ack_note: null,
    report_outcome: null,
    report_breach: null,
    report_text: null,
    report_at: null,
    report_by: null,
    process_instance_key: null,
    manual_assignment: 0,
    ...over,
  };
}
