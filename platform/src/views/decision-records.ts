import type { DecisionStatus } from '@iplus/contract';
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Db } from '../store/database';
import { QueryShapes } from '../store/query-shapes';
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

// The upload path's most frequent statements, compiled once (store/query-shapes.ts).
const DECISION_BY_ID = new QueryShapes((db: Db, _: null, v: { id: string }) =>
  db.selectFrom('decisions').selectAll().where('id', '=', v.id),
);
const EVENT = new QueryShapes(
  (
    db: Db,
    _: null,
    v: {
      key: string;
      decisionId: string;
      at: string;
      event: string;
      mandateId: string | null;
      agencyId: string | null;
    },
  ) =>
    db
      .insertInto('decision_events')
      .values({
        key: v.key,
        decision_id: v.decisionId,
        at: v.at,
        event: v.event,
        mandate_id: v.mandateId,
        agency_id: v.agencyId,
      })
      .onConflict((oc) => oc.column('key').doNothing()),
);

/** Reads a decision row by id. */
export async function findDecision(db: Db, id: string): Promise<DecisionRow | undefined> {
  return (await DECISION_BY_ID.execute(db, null, { id }))[0];
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
  await EVENT.execute(db, null, {
    key: `${e.event}:${e.mandateId ?? e.decisionId}${e.occurrence ? `:${e.occurrence}` : ''}`,
    decisionId: e.decisionId,
    at: e.at,
    event: e.event,
    mandateId: e.mandateId ?? null,
    agencyId: e.agencyId ?? null,
  });
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
