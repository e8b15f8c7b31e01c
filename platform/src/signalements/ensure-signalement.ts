import { lockWriters, transact } from '../store/database';
import type { BngPort } from '../bng/bng-port';
import { advanceStatus, findDecision, recordEvent } from '../views/decision-records';
import { notFound } from '../errors';
import type { DecisionFacts } from '../reference-port';
import type { Actor, ServiceContext } from '../service-context';
import { sequenceId } from '../store/counters';

/**
 * Flags the person of a decision in the BNG, once per decision: the signalement id is derived from
 * the decision (`S-000123`), the adapter is called with it as idempotency key, and the row is written
 * only if none exists. A redelivered job or a second request returns the same signalement.
 */
export async function ensureSignalement(
  ctx: ServiceContext,
  bng: BngPort,
  decisionId: string,
  actor: Actor,
): Promise<{ id: string; created: boolean }> {
  const existing = await ctx.db
    .selectFrom('signalements')
    .select('id')
    .where('decision_id', '=', decisionId)
    .executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  const d = await findDecision(ctx.db, decisionId);
  if (!d) throw notFound('decision', decisionId);
  const input = JSON.parse(d.input_json) as DecisionFacts;
  const id = sequenceId('S', d.seq);
  const { externalId } = await bng.createSignalement({
    signalementId: id,
    decisionId,
    reference: d.reference,
    measure: d.measure,
    person: input.person,
    conditions: input.conditions,
    validFrom: String(input.decisionDate ?? d.created_at.slice(0, 10)),
  });
  return transact(
    ctx.db,
    async (trx) => {
      const raced = await trx
        .selectFrom('signalements')
        .select('id')
        .where('decision_id', '=', decisionId)
        .executeTakeFirst();
      if (raced) return { id: raced.id, created: false };
      const now = ctx.clock.now().toISOString();
      // `late`: the read above and these inserts run before the writers' lock. The signalement's id and
      // decision are unique, so a concurrent call for the same decision waits here for ours and
      // inserts nothing (created: false, same id: it is derived from the decision); the event's key
      // derives from the decision.
      const inserted = await trx
        .insertInto('signalements')
        .values({
          id,
          decision_id: decisionId,
          register: bng.register,
          external_id: externalId,
          status: 'active',
          created_at: now,
          created_by: actor.user,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return { id, created: false };
      await recordEvent(trx, { decisionId, at: now, event: 'signalement_created' });
      // The audit chain and the decision's status are written by other writers under the lock: the
      // append takes it (after looking up who its justification may name), the status follows.
      await ctx.audit.appendIn(trx, {
        user: actor.user,
        agencyId: actor.agencyId,
        action: 'signalement.create',
        object: id,
        justification: actor.justification,
        outcome: 'ok',
      });
      await lockWriters(trx);
      await advanceStatus(trx, decisionId, 'routed', ['received']);
      return { id, created: true };
    },
    'late',
  );
}
