import { transact } from '../store/database';
import { coordinatorOf } from '../auth/roles';
import { advanceStatus, findDecision, recordEvent } from '../views/decision-records';
import { notifyOnce } from '../notifications/notifications';
import { systemActor, type ServiceContext } from '../service-context';
import { recordRouting } from './record-routing';

/**
 * The decision's region is not live: records its routing and notifies the province's coordinator, who
 * sends the case the old way; no signalement and no mandate are created. `by` names the job type for
 * the audit log.
 */
export async function sendToOldChannel(
  ctx: ServiceContext,
  decisionId: string,
  routing: unknown,
  by: string,
): Promise<void> {
  await transact(ctx.db, async (trx) => {
    const d = await findDecision(trx, decisionId);
    if (!d) throw new Error(`decision ${decisionId} does not exist`);
    const now = ctx.clock.now().toISOString();
    await recordRouting(trx, decisionId, routing, now);
    const coordinator = coordinatorOf(d.province);
    await notifyOnce(trx, {
      kind: 'old_channel',
      agencyId: coordinator,
      province: d.province,
      decisionId,
      at: now,
      detail: `decision ${decisionId} (${d.reference}) concerns a region not live on iplus yet: send it through the old channel`,
    });
    await advanceStatus(trx, decisionId, 'old_channel', ['received', 'routed']);
    await recordEvent(trx, { decisionId, at: now, event: 'old_channel', agencyId: coordinator });
    await ctx.audit.appendIn(trx, {
      ...systemActor(by),
      action: 'decision.old_channel',
      object: decisionId,
      outcome: 'ok',
    });
  });
}
