import { recordEvent } from '../views/decision-records';
import type { Db } from '../store/database';

/**
 * Keeps the routing result the process computed (`routing` variable) with the decision, once, and
 * marks the timeline. Called by every worker of `conditional-release` that sees it.
 */
export async function recordRouting(db: Db, decisionId: string, routing: unknown, at: string): Promise<void> {
  if (!routing || typeof routing !== 'object') return;
  const res = await db
    .updateTable('decisions')
    .set({ routing_json: JSON.stringify(routing) })
    .where('id', '=', decisionId)
    .where('routing_json', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) > 0) await recordEvent(db, { decisionId, at, event: 'routed' });
}
