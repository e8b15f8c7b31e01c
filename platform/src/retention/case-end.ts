import type { Db } from '../store/database';
import { FINAL_STATUSES } from '../domain/measure-period';

/** A case that ended, and when (ISO time). */
export interface EndedCase {
  decisionId: string;
  endedAt: string;
}

/**
 * When a case ended — the one rule retention starts its clock from. A case ends when its measure
 * ended (its end reached) or was revoked (the lifecycle's `ended` / `revoked`), at the decision's
 * `ended_at`. Nothing else ends it: a `closed` decision (every mandate reported) is still supervised
 * while its measure runs — an open-ended measure runs until it is revoked or given an end, and its
 * process instance waits for that (so the engine would refuse to delete it, and each purge would
 * fail on it); any other status is still running. A case handed to the old channel (its region not
 * live) ends for the platform at the handover, the time of its `old_channel` event: its process ends
 * there, the platform follows nothing of it after, and the parquet's own file is the record of the
 * measure; without this its copy here would never expire.
 */
export async function endedCases(db: Db, endedBefore: string): Promise<EndedCase[]> {
  const rows = await db
    .selectFrom('decisions')
    .select(['id', 'ended_at'])
    .where('status', 'in', [...FINAL_STATUSES])
    .execute();
  const handedOver = await db
    .selectFrom('decisions')
    .innerJoin('decision_events', 'decision_events.decision_id', 'decisions.id')
    .select(['decisions.id as id', (eb) => eb.fn.min('decision_events.at').as('ended_at')])
    .where('decisions.status', '=', 'old_channel')
    .where('decision_events.event', '=', 'old_channel')
    .groupBy('decisions.id')
    .execute();
  // an end with no time recorded is not counted from the creation (that would erase it too early)
  return [...rows, ...handedOver]
    .filter((r): r is typeof r & { ended_at: string } => r.ended_at !== null)
    .map((r) => ({ decisionId: r.id, endedAt: r.ended_at }))
    .filter((c) => c.endedAt < endedBefore)
    .sort((a, b) => (a.endedAt < b.endedAt ? -1 : 1));
}

/** When one case ended, or null while it runs (or when there is no such case). */
export async function caseEnd(db: Db, decisionId: string): Promise<string | null> {
  const found = (await endedCases(db, '9999')).find((c) => c.decisionId === decisionId);
  return found?.endedAt ?? null;
}
