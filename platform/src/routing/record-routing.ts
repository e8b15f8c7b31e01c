import { recordEvent } from '../views/decision-records';
import type { ServiceContext } from '../service-context';
import { withRelaxedDurability } from '../store/database';
import { sharedWhileInFlight } from '../in-flight';

/**
 * Keeps the routing result the process computed (`routing` variable) with the decision, once, and
 * marks the timeline (`routed`). Called from one place: the claim every job of `conditional-release`
 * passes first (`zeebe/workers/instance-claim.ts`), so whichever worker the process reaches first
 * (signalement, mandate or old channel) finds the routing kept. Reads before it writes: once kept,
 * a later call costs one read and no transaction.
 */
export async function recordRouting(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  decisionId: string,
  routing: unknown,
): Promise<void> {
  if (!routing || typeof routing !== 'object') return;
  // The first jobs of a decision (its signalement and mandates) arrive together: they share one
  // recording rather than each reading `null` and writing in a transaction of its own (one caller
  // wins anyway). A failure reaches every caller sharing it, each job then failing and retrying.
  return recording(ctx.db, decisionId, () => recordOnce(ctx, decisionId, routing));
}

/** Per store, the decisions whose routing is being recorded now (see recordRouting). */
const recording = sharedWhileInFlight<void>();

async function recordOnce(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  decisionId: string,
  routing: object,
): Promise<void> {
  const pending = await ctx.db
    .selectFrom('decisions')
    .select('id')
    .where('id', '=', decisionId)
    .where('routing_json', 'is', null)
    .executeTakeFirst();
  if (!pending) return;
  await withRelaxedDurability(
    ctx.db,
    async (trx) => {
      const res = await trx
        .updateTable('decisions')
        .set({ routing_json: JSON.stringify(routing) })
        .where('id', '=', decisionId)
        .where('routing_json', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) > 0) {
        await recordEvent(trx, { decisionId, at: ctx.clock.now().toISOString(), event: 'routed' });
      }
      // `late` (no writers' lock): the conditional UPDATE lets one caller win (a second waits for the
      // row and re-checks `IS NULL`), and only the winner writes the event; no audit entry. Relaxed
      // (not waiting for the disk): the job that recorded it then commits its own work (signalement,
      // mandate) after it in the log; a power cut before that loses the routing only, and the
      // process's next job that carries it records it again.
    },
    'late',
  );
}
