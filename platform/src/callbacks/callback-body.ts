import {
  MANDATE_ACKNOWLEDGED_EVENT,
  mandateStatusOf,
  type AcknowledgementCallback,
  type MandateKind,
  type MandateStatus,
  type ReportOutcome,
} from '@iplus/contract';
import type { Db } from '../store/database';
import { MANDATE_VIEW_COLUMNS, mandateView } from '../views/mandate-view';
import type { ReferenceLookup } from '../reference-port';

/**
 * The body of an acknowledgement callback, chosen here and nowhere else: the event, the callback's
 * id and the mandate's ids and status (contract `mandateStatusOf`). Read from the mandate's row
 * alone: the decision (person, address, conditions) is never read, so it cannot flow out. Undefined
 * when the mandate is gone (erased).
 */
export async function callbackBody(
  db: Db,
  reference: ReferenceLookup,
  now: Date,
  cb: { id: string; mandate_id: string },
): Promise<AcknowledgementCallback | undefined> {
  const row = await db
    .selectFrom('mandates')
    .select(MANDATE_VIEW_COLUMNS)
    .where('id', '=', cb.mandate_id)
    .executeTakeFirst();
  if (!row) return undefined;
  const view = mandateView(row, undefined, reference, now.toISOString());
  return {
    event: MANDATE_ACKNOWLEDGED_EVENT,
    callbackId: cb.id,
    // The row's strings hold the contract's vocabularies (written only through them).
    mandate: mandateStatusOf({
      ...view,
      kind: view.kind as MandateKind,
      status: view.status as MandateStatus,
      report: view.report && { ...view.report, outcome: view.report.outcome as ReportOutcome },
    }),
  };
}
