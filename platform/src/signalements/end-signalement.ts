import type { BngPort } from '../bng/bng-port';
import { recordEvent } from '../views/decision-records';
import type { ServiceContext } from '../service-context';
import { transact } from '../store/database';

/** Why a signalement ends: the measure's end came, or it was revoked. */
export type SignalementEndReason = 'ended' | 'revoked';

/**
 * Ends a decision's active signalement: in the BNG first (a flag left active after the measure is a
 * legal and safety failure), then in the store, with its timeline event. Nothing to do when none is
 * active, so it is safe to repeat (a redelivered job, an outbox item run again after a crash).
 * `endedAt` is the measure's end; it defaults to now.
 */
export async function endActiveSignalement(
  ctx: ServiceContext,
  bng: BngPort,
  decisionId: string,
  reason: SignalementEndReason,
  endedAt?: string,
): Promise<boolean> {
  const signalement = await ctx.db
    .selectFrom('signalements')
    .select('id')
    .where('decision_id', '=', decisionId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!signalement) return false;
  const at = ctx.clock.now().toISOString();
  await bng.endSignalement({ signalementId: signalement.id, decisionId, reason, endedAt: endedAt ?? at });
  // No writers' lock: a conditional UPDATE of the signalement's own row and its event's own key.
  await transact(
    ctx.db,
    async (trx) => {
      await trx
        .updateTable('signalements')
        .set({ status: 'ended', ended_at: at })
        .where('id', '=', signalement.id)
        .where('status', '=', 'active')
        .execute();
      await recordEvent(trx, { decisionId, at, event: 'signalement_ended' });
    },
    'late',
  );
  return true;
}

/** Outbox handler `end_signalement` (ensure-signalement.ts): ends a flag created while the measure ended. */
export function endSignalementHandler(
  ctx: ServiceContext,
  bng: BngPort,
): (payload: unknown) => Promise<void> {
  return async (p) => {
    const { decisionId, reason } = p as { decisionId: string; reason: SignalementEndReason };
    await endActiveSignalement(ctx, bng, decisionId, reason);
  };
}
