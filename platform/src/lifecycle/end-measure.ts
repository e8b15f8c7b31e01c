import type { BngPort } from '../bng/bng-port';
import { endActiveSignalement } from '../signalements/end-signalement';
import { findDecision, recordEvent } from '../views/decision-records';
import { notFound } from '../errors';
import { notifyOnce } from '../notifications/notifications';
import { Outbox } from '../outbox/outbox';
import type { Actor, ServiceContext } from '../service-context';
import { transact, type Db } from '../store/database';
import { FINAL_STATUSES } from '../domain/measure-period';
import { openMandates } from './decision-changes';
import { LIFECYCLE_MESSAGES, queueMessage } from './lifecycle-messages';

/**
 * Worker `iplus:end-measure`: the measure is over (its end reached, or revoked). Ends the BNG
 * signalement (before and after the end's transaction: see the end), closes every
 * open mandate and tells each recipient, and marks the decision ended (a revoked one stays revoked).
 * Idempotent: a redelivered job finds the signalement ended and no mandate open.
 */
export async function endMeasure(
  ctx: ServiceContext,
  bng: BngPort,
  decisionId: string,
  outcome: 'ended' | 'revoked',
  actor: Actor,
): Promise<void> {
  const d = await findDecision(ctx.db, decisionId);
  if (!d) throw notFound('decision', decisionId);
  const endedAt = d.ended_at ?? ctx.clock.now().toISOString();
  await endActiveSignalement(ctx, bng, decisionId, outcome, endedAt);
  const now = ctx.clock.now();
  const at = now.toISOString();
  await transact(ctx.db, async (trx) => {
    await closeMandates(trx, now, d.reference, await openMandates(trx, decisionId), outcome);
    await trx
      .updateTable('decisions')
      .set({ status: outcome, ended_at: endedAt })
      .where('id', '=', decisionId)
      .where('status', 'not in', [...FINAL_STATUSES])
      .execute();
    await recordEvent(trx, {
      decisionId,
      at,
      event: outcome === 'ended' ? 'measure_ended' : 'measure_revoked',
    });
    await ctx.audit.appendIn(trx, {
      user: actor.user,
      agencyId: actor.agencyId,
      action: `decision.${outcome === 'ended' ? 'end' : 'revoke'}`,
      object: decisionId,
      outcome: 'ok',
    });
  });
  // A signalement committed while this ran (its job's worker was still at work when the period
  // ended) is ended too. One committed after this transaction, which held the writers' lock, sees
  // the measure over under that lock and queues its own end (signalements/ensure-signalement.ts).
  await endActiveSignalement(ctx, bng, decisionId, outcome, endedAt);
  ctx.outbox.kick();
}

type MandateRow = Awaited<ReturnType<typeof openMandates>>[number];

/**
 * Closes mandates and tells their recipients why; publishes `MandateClosed` for each, which ends a
 * follow-up that runs as its own process (mandates issued by hand or after a move).
 */
export async function closeMandates(
  trx: Db,
  now: Date,
  reference: string,
  mandates: MandateRow[],
  reason: 'ended' | 'revoked' | 'moved',
): Promise<void> {
  const at = now.toISOString();
  const kind =
    reason === 'ended' ? 'measure_ended' : reason === 'revoked' ? 'measure_revoked' : 'mandate_closed';
  const why =
    reason === 'ended'
      ? `the measure of ${reference} has ended`
      : reason === 'revoked'
        ? `the measure of ${reference} is revoked`
        : `the person of ${reference} moved out of your area`;
  for (const m of mandates) {
    // A breach reported just before the end whose process branch was cut by it still reaches the parquet.
    if (m.status === 'reported' && m.report_breach === 1) {
      const occurrence = m.report_count > 1 ? { occurrence: String(m.report_count) } : {};
      await notifyOnce(trx, {
        kind: 'breach',
        agencyId: m.parquet_id,
        province: m.province,
        decisionId: m.decision_id,
        mandateId: m.id,
        ...occurrence,
        at,
        detail: `${m.recipient_id} reports ${m.report_outcome ?? 'a breach'} on mandate ${m.id}${m.report_text ? `: ${m.report_text}` : ''}`,
      });
      await recordEvent(trx, {
        decisionId: m.decision_id,
        at,
        event: 'breach_reported',
        mandateId: m.id,
        agencyId: m.parquet_id,
        ...occurrence,
      });
    }
    await trx
      .updateTable('mandates')
      .set({ status: 'closed', closed_at: at, close_reason: reason })
      .where('id', '=', m.id)
      .execute();
    await recordEvent(trx, {
      decisionId: m.decision_id,
      at,
      event: 'mandate_closed',
      mandateId: m.id,
      agencyId: m.recipient_id,
    });
    await notifyOnce(trx, {
      kind,
      agencyId: m.recipient_id,
      province: m.province,
      decisionId: m.decision_id,
      mandateId: m.id,
      at,
      detail: `${why}: mandate ${m.id} is closed, nothing more is asked of you`,
    });
    await queueMessage(trx, now, {
      name: LIFECYCLE_MESSAGES.mandateClosed,
      correlationKey: m.id,
      messageId: `closed-${m.id}`,
      variables: {},
    });
    // A follow-up the platform started is also cancelled by its recorded key: the engine hands the
    // message to one instance of a process only, and a duplicate left by a crash (cancelled by its
    // first step, seconds after a restart) may be the one that takes it.
    if (m.origin === 'manual' && m.process_instance_key) {
      await Outbox.enqueueIn(trx, now, {
        key: `cancel:${m.process_instance_key}`,
        kind: 'cancel_instance',
        payload: { processInstanceKey: m.process_instance_key, mandateId: m.id },
      });
    }
  }
}
