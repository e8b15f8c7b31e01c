import type { Db } from '../store/database';

/** A case that ended, and when (ISO time). */
export interface EndedCase {
  decisionId: string;
  endedAt: string;
}

/**
 * When a case ended — the one rule retention starts its clock from. A case ends when its measure
 * ended or was revoked (the lifecycle's `ended` / `revoked`, at the decision's `ended_at`). A decision
 * with no measure period ends as before, when it is `closed` (its last mandate reported): at the latest
 * report, or at its creation when it had no mandate. A `closed` decision whose measure still has an end
 * ahead is still supervised (periodic reports) and never expires; any other status is still running.
 */
export const END_STATUSES: readonly string[] = ['closed', 'ended', 'revoked'];

export async function endedCases(db: Db, endedBefore: string): Promise<EndedCase[]> {
  const rows = await db
    .selectFrom('decisions')
    .leftJoin('mandates', 'mandates.decision_id', 'decisions.id')
    .select([
      'decisions.id as id',
      'decisions.created_at as created_at',
      'decisions.status as status',
      'decisions.ended_at as ended_at',
      'decisions.measure_end as measure_end',
    ])
    .select((eb) => eb.fn.max('mandates.report_at').as('last_report'))
    .where('decisions.status', 'in', [...END_STATUSES])
    .groupBy([
      'decisions.id',
      'decisions.created_at',
      'decisions.status',
      'decisions.ended_at',
      'decisions.measure_end',
    ])
    .execute();
  return rows
    .filter((r) => r.status !== 'closed' || r.measure_end === null)
    .map((r) => ({
      decisionId: r.id,
      endedAt:
        r.status === 'closed'
          ? ((r.last_report as string | null) ?? r.created_at)
          : (r.ended_at ?? (r.last_report as string | null) ?? r.created_at),
    }))
    .filter((c) => c.endedAt < endedBefore)
    .sort((a, b) => (a.endedAt < b.endedAt ? -1 : 1));
}

/** When one case ended, or null while it runs (or when there is no such case). */
export async function caseEnd(db: Db, decisionId: string): Promise<string | null> {
  const found = (await endedCases(db, '9999')).find((c) => c.decisionId === decisionId);
  return found?.endedAt ?? null;
}
