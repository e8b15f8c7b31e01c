import type { Db } from '../store/database';

/** A case that ended, and when (ISO time). */
export interface EndedCase {
  decisionId: string;
  endedAt: string;
}

/**
 * When a case ended — the one rule retention starts its clock from, kept in one place so the
 * lifecycle's end states (measure ended, revoked) plug in here. Today a case ends when its decision
 * is `closed` (its last mandate reported): it ended at the latest report, or at the decision's
 * creation when it had no mandate. A case in any other status is still running and never expires.
 */
export const END_STATUSES: readonly string[] = ['closed'];

export async function endedCases(db: Db, endedBefore: string): Promise<EndedCase[]> {
  const rows = await db
    .selectFrom('decisions')
    .leftJoin('mandates', 'mandates.decision_id', 'decisions.id')
    .select(['decisions.id as id', 'decisions.created_at as created_at'])
    .select((eb) => eb.fn.max('mandates.report_at').as('last_report'))
    .where('decisions.status', 'in', [...END_STATUSES])
    .groupBy(['decisions.id', 'decisions.created_at'])
    .execute();
  return rows
    .map((r) => ({ decisionId: r.id, endedAt: (r.last_report as string | null) ?? r.created_at }))
    .filter((c) => c.endedAt < endedBefore)
    .sort((a, b) => (a.endedAt < b.endedAt ? -1 : 1));
}

/** When one case ended, or null while it runs (or when there is no such case). */
export async function caseEnd(db: Db, decisionId: string): Promise<string | null> {
  const found = (await endedCases(db, '9999')).find((c) => c.decisionId === decisionId);
  return found?.endedAt ?? null;
}
