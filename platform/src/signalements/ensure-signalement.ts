import { lockWriters, transact } from '../store/database';
import type { BngPort } from '../bng/bng-port';
import { advanceStatus, findDecision, recordEvent } from '../views/decision-records';
import { conflict, notFound } from '../errors';
import { Outbox } from '../outbox/outbox';
import type { DecisionFacts } from '../reference-port';
import type { Actor, ServiceContext } from '../service-context';
import { sequenceId } from '../store/counters';
import { personIn } from '../audit/people-named';
import { FINAL_STATUSES } from '../domain/measure-period';
import type { SignalementEndReason } from './end-signalement';

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
  if (FINAL_STATUSES.includes(d.status)) throw measureOver(d.id, d.status);
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
  let ending = false;
  const result = await transact(
    ctx.db,
    async (trx) => {
      const now = ctx.clock.now().toISOString();
      // `late`: these inserts run before the writers' lock. The signalement's id and decision are
      // unique, so a signalement written meanwhile (a concurrent call for the same decision, which
      // this insert waits for, or one committed since the read above) is not written again
      // (created: false, same id: it is derived from the decision); the event's key derives from
      // the decision.
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
      // append takes it, the status follows. The person its justification may name is the one read
      // with the decision (not looked up again).
      await ctx.audit.appendIn(trx, {
        user: actor.user,
        agencyId: actor.agencyId,
        action: 'signalement.create',
        object: id,
        justification: actor.justification,
        outcome: 'ok',
        about: personIn(d.input_json),
      });
      await lockWriters(trx);
      // Read under the lock, which the measure's end holds while it commits: a create job whose
      // worker was still at work when the period ended (its end timer, a revocation) would otherwise
      // leave an active flag behind the end, which ended the signalements it saw (found by the
      // two-instance chaos run). The BNG already holds this one, so it is written and its end queued
      // in the same commit (the job itself was cancelled with the period: nothing would retry it).
      const current = await trx
        .selectFrom('decisions')
        .select('status')
        .where('id', '=', decisionId)
        .executeTakeFirst();
      if (current && FINAL_STATUSES.includes(current.status)) {
        await Outbox.enqueueIn(trx, ctx.clock.now(), {
          key: `end-signalement:${id}`,
          kind: 'end_signalement',
          payload: { decisionId, reason: current.status as SignalementEndReason },
        });
        ending = true;
      } else if (current?.status === 'received') {
        await advanceStatus(trx, decisionId, 'routed', ['received']);
      }
      return { id, created: true };
    },
    'late',
  );
  if (ending) ctx.outbox.kick();
  return result;
}

const measureOver = (decisionId: string, status: string) =>
  conflict('measure_over', `the measure of ${decisionId} is ${status}: no signalement is created`);
