import type { MoveInput } from '@iplus/contract';
import type { Principal } from '../auth/roles';
import { recordEvent } from '../views/decision-records';
import type { DecisionFacts } from '../reference-port';
import type { ServiceContext } from '../service-context';
import { transact } from '../store/database';
import { insertChange } from './decision-changes';
import { decisionForAction, stillActionable } from './lifecycle-access';
import { LIFECYCLE_MESSAGES, queueMessage } from './lifecycle-messages';
import { municipalityOf } from './new-domicile';

/**
 * Records the person's new domicile (the decision's parquet clerk, or a police zone that found the
 * person moved). The decision's domicile changes now; while the person is still detained that is
 * all (routing happens at the release). Otherwise the process's event subprocess "Domicile moved"
 * routes the new municipality with the same tables and re-routes the mandates (`applyMove`).
 */
export async function recordMove(
  ctx: ServiceContext,
  p: Principal,
  id: string,
  body: MoveInput,
  justification?: string,
): Promise<string> {
  const d = await decisionForAction(ctx, p, id, 'move', justification);
  const { nis, province } = municipalityOf(ctx.reference, body.domicile, 'domicile');
  const now = ctx.clock.now();
  const at = now.toISOString();
  const moveId = await transact(ctx.db, async (trx) => {
    await stillActionable(trx, id, 'move');
    const input = JSON.parse(d.input_json) as DecisionFacts;
    const domicile = { ...body.domicile, municipalityNis: nis };
    await trx
      .updateTable('decisions')
      .set({ input_json: JSON.stringify({ ...input, person: { ...input.person, domicile } }), nis, province })
      .where('id', '=', id)
      .execute();
    const moveId = await insertChange(trx, {
      decisionId: id,
      kind: 'move',
      at,
      by: p,
      payload: { from: { nis: d.nis, province: d.province }, to: { nis, province }, note: body.note ?? '' },
    });
    await recordEvent(trx, {
      decisionId: id,
      at,
      event: 'domicile_moved',
      agencyId: p.agencyId,
      occurrence: moveId,
    });
    if (d.status !== 'awaiting_release') {
      await queueMessage(trx, now, {
        name: LIFECYCLE_MESSAGES.moved,
        correlationKey: id,
        messageId: moveId,
        variables: { move: { moveId, nis, province } },
      });
    }
    await ctx.audit.appendIn(trx, {
      user: p.user,
      agencyId: p.agencyId,
      action: 'decision.move',
      object: id,
      justification,
      outcome: 'ok',
    });
    return moveId;
  });
  ctx.outbox.kick();
  return moveId;
}
