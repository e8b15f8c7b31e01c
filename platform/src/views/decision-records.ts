import type { DecisionStatus } from '@iplus/contract';
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Db } from '../store/database';
import type { Database, DecisionsTable } from '../store/schema';

export type DecisionRow = Selectable<DecisionsTable>;

export const TIMELINE_EVENTS = [
  'uploaded',
  'routed',
  'signalement_created',
  'mandate_issued',
  'mandate_acknowledged',
  'mandate_escalated',
  'mandate_reported',
  'breach_reported',
  'old_channel',
  // the case's life (issue 15; lifecycle/)
  'awaiting_release',
  'released',
  'mandate_reminded',
  'report_overdue',
  'periodic_report_due',
  'measure_revised',
  'domicile_moved',
  'rerouted',
  'mandate_closed',
  'signalement_updated',
  'signalement_ended',
  'measure_ended',
  'measure_revoked',
] as const;
export type TimelineEvent = (typeof TIMELINE_EVENTS)[number];

/**
 * In a query on `decisions`: whether a move is recorded for the row's decision (`moved`, 0/1 on
 * SQLite, a boolean on PostgreSQL), read in the same statement as the row.
 */
export function moveRecorded(eb: ExpressionBuilder<Database, 'decisions'>) {
  return eb
    .exists(
      eb
        .selectFrom('decision_changes')
        .select('decision_changes.id')
        .whereRef('decision_changes.decision_id', '=', 'decisions.id')
        .where('decision_changes.kind', '=', 'move'),
    )
    .as('moved');
}

/** Reads a decision row by id. */
export async function findDecision(db: Db, id: string): Promise<DecisionRow | undefined> {
  return db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Appends a timeline event once: the key (event + object) makes a redelivered job or a repeated
 * request record it only the first time.
 */
export async function recordEvent(
  db: Db,
  e: {
    decisionId: string;
    at: string;
    event: TimelineEvent;
    mandateId?: string;
    agencyId?: string;
    /** For events that happen more than once to the same object (a reminder, a revision): which one. */
    occurrence?: string;
  },
): Promise<void> {
  await db
    .insertInto('decision_events')
    .values({
      key: `${e.event}:${e.mandateId ?? e.decisionId}${e.occurrence ? `:${e.occurrence}` : ''}`,
      decision_id: e.decisionId,
      at: e.at,
      event: e.event,
      mandate_id: e.mandateId ?? null,
      agency_id: e.agencyId ?? null,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/** A decision's timeline, oldest first. */
export async function timelineOf(db: Db, decisionId: string) {
  return db
    .selectFrom('decision_events')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .orderBy('at')
    .orderBy('key')
    .execute();
}

/**
 * Moves a decision's status forward. `from` lists the statuses it may leave, so a late or repeated
 * event never moves it back (a closed decision stays closed).
 */
export async function advanceStatus(
  db: Db,
  id: string,
  to: DecisionStatus,
  from: DecisionStatus[],
): Promise<void> {
  await db
    .updateTable('decisions')
    .set({ status: to })
    .where('id', '=', id)
    .where('status', 'in', from)
    .execute();
}
