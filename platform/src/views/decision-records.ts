import type { DecisionStatus } from '@iplus/contract';
import type { Selectable } from 'kysely';
import type { Db } from '../store/database';
import type { DecisionsTable } from '../store/schema';

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
] as const;
export type TimelineEvent = (typeof TIMELINE_EVENTS)[number];

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
  e: { decisionId: string; at: string; event: TimelineEvent; mandateId?: string; agencyId?: string },
): Promise<void> {
  await db
    .insertInto('decision_events')
    .values({
      key: `${e.event}:${e.mandateId ?? e.decisionId}`,
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
