import type { RevocationInput } from '@iplus/contract';
import type { Principal } from '../auth/roles';
import { recordEvent } from '../views/decision-records';
import { notifyOnce } from '../notifications/notifications';
import type { ServiceContext } from '../service-context';
import { transact } from '../store/database';
import { insertChange, openMandates } from './decision-changes';
import { decisionForAction, stillActionable } from './lifecycle-access';
import { LIFECYCLE_MESSAGES, queueMessage } from './lifecycle-messages';

/**
 * The parquet revokes the measure: the decision is revoked now and the police zones holding its
 * mandates are told in the same transaction (a revocation usually means an arrest). The process's
 * interrupting event subprocess "Measure revoked" then ends the signalement, closes the mandates and
 * tells the other recipients (`endMeasure`).
 */
export async function revokeMeasure(
  ctx: ServiceContext,
  p: Principal,
  id: string,
  body: RevocationInput,
  justification?: string,
): Promise<string> {
  const d = await decisionForAction(ctx, p, id, 'revoke', justification);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const changeId = await transact(ctx.db, async (trx) => {
    await stillActionable(trx, id, 'revoke');
    const changeId = await insertChange(trx, {
      decisionId: id,
      kind: 'revocation',
      at,
      by: p,
      payload: { reason: body.reason },
    });
    await trx
      .updateTable('decisions')
      .set({ status: 'revoked', ended_at: at })
      .where('id', '=', id)
      .execute();
    await recordEvent(trx, { decisionId: id, at, event: 'measure_revoked', agencyId: p.agencyId });
    for (const m of await openMandates(trx, id)) {
      if (m.kind !== 'police_check') continue;
      await notifyOnce(trx, {
        kind: 'measure_revoked',
        agencyId: m.recipient_id,
        province: m.province,
        decisionId: id,
        mandateId: m.id,
        at,
        detail: `the measure of ${d.reference} is revoked by ${d.parquet_id} (${body.reason}); act on the parquet's instructions`,
      });
    }
    await queueMessage(trx, now, {
      name: LIFECYCLE_MESSAGES.revoked,
      correlationKey: id,
      messageId: changeId,
      variables: { revocationId: changeId },
    });
    await ctx.audit.appendIn(trx, {
      user: p.user,
      agencyId: p.agencyId,
      action: 'decision.revoke',
      object: id,
      justification,
      outcome: 'ok',
    });
    return changeId;
  });
  ctx.outbox.kick();
  return changeId;
}
