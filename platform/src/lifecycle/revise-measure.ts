import type { Conditions, RevisionInput } from '@iplus/contract';
import type { Principal } from '../auth/roles';
import type { BngPort } from '../bng/bng-port';
import { findDecision, recordEvent } from '../views/decision-records';
import { invalid, notFound } from '../errors';
import { notifyOnce } from '../notifications/notifications';
import type { DecisionFacts } from '../reference-port';
import type { ServiceContext } from '../service-context';
import { transact } from '../store/database';
import { findChange, insertChange, markApplied, openMandates } from './decision-changes';
import { decisionForAction, stillActionable } from './lifecycle-access';
import { LIFECYCLE_MESSAGES, queueMessage } from './lifecycle-messages';
import { measureEndAt } from '../domain/measure-period';

/**
 * The parquet revises a running measure: new conditions and/or a new last day. The decision's data
 * change now; the process (event subprocess "Measure revised") then updates the signalement and
 * tells every recipient with an open mandate (`applyRevision`); a new end re-arms the end timer.
 */
export async function reviseMeasure(
  ctx: ServiceContext,
  p: Principal,
  id: string,
  body: RevisionInput,
  justification?: string,
): Promise<string> {
  if (!body.conditions && !body.measureEnd) {
    throw invalid(
      [{ field: 'conditions', code: 'required', message: 'give new conditions, a new measureEnd, or both' }],
      'a revision changes the conditions, the last day of the measure, or both',
    );
  }
  const d = await decisionForAction(ctx, p, id, 'revise', justification);
  if (body.measureEnd && body.measureEnd < ctx.clock.now().toISOString().slice(0, 10)) {
    throw invalid([
      {
        field: 'measureEnd',
        code: 'in_the_past',
        message: 'the new last day cannot be before today; revoke the measure to end it now',
      },
    ]);
  }
  const now = ctx.clock.now();
  const changeId = await transact(ctx.db, async (trx) => {
    await stillActionable(trx, id, 'revise');
    const input = JSON.parse(d.input_json) as DecisionFacts & { measureEnd?: string };
    const next = {
      ...input,
      ...(body.conditions ? { conditions: body.conditions as Conditions } : {}),
      ...(body.measureEnd ? { measureEnd: body.measureEnd } : {}),
    };
    const end = body.measureEnd
      ? measureEndAt(next, { awaiting: d.awaiting_release === 1, releasedAt: d.released_at })
      : d.measure_end;
    await trx
      .updateTable('decisions')
      .set({ input_json: JSON.stringify(next), measure_end: end })
      .where('id', '=', id)
      .execute();
    const changeId = await insertChange(trx, {
      decisionId: id,
      kind: 'revision',
      at: now.toISOString(),
      by: p,
      payload: {
        conditions: body.conditions ?? null,
        measureEnd: body.measureEnd ?? null,
        reason: body.reason ?? '',
      },
    });
    await recordEvent(trx, {
      decisionId: id,
      at: now.toISOString(),
      event: 'measure_revised',
      agencyId: p.agencyId,
      occurrence: changeId,
    });
    await queueMessage(trx, now, {
      name: LIFECYCLE_MESSAGES.revised,
      correlationKey: id,
      messageId: changeId,
      variables: { revisionId: changeId },
    });
    if (body.measureEnd && end) {
      await queueMessage(trx, now, {
        name: LIFECYCLE_MESSAGES.endChanged,
        correlationKey: id,
        messageId: `${changeId}:end`,
        variables: { measureEnd: end },
      });
    }
    await ctx.audit.appendIn(trx, {
      user: p.user,
      agencyId: p.agencyId,
      action: 'decision.revise',
      object: id,
      justification,
      outcome: 'ok',
    });
    return changeId;
  });
  ctx.outbox.kick();
  return changeId;
}

/**
 * Worker `iplus:revise-measure`: sends the revised state to the BNG (when a signalement is active)
 * and tells every recipient with an open mandate; once per revision.
 */
export async function applyRevision(
  ctx: ServiceContext,
  bng: BngPort,
  decisionId: string,
  revisionId: string,
): Promise<void> {
  const change = await findChange<{ reason: string }>(ctx.db, revisionId);
  if (!change || change.decision_id !== decisionId) throw notFound('revision', revisionId);
  if (change.applied_at) return;
  const d = await findDecision(ctx.db, decisionId);
  if (!d) throw notFound('decision', decisionId);
  const input = JSON.parse(d.input_json) as DecisionFacts;
  const signalement = await ctx.db
    .selectFrom('signalements')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (signalement) {
    await bng.updateSignalement({
      signalementId: signalement.id,
      decisionId,
      changeId: revisionId,
      reason: 'revision',
      person: input.person,
      conditions: input.conditions,
      validUntil: d.measure_end,
    });
  }
  await transact(ctx.db, async (trx) => {
    if (!(await markApplied(trx, revisionId, ctx.clock.now().toISOString()))) return;
    const at = ctx.clock.now().toISOString();
    if (signalement) {
      await trx
        .updateTable('signalements')
        .set({ updated_at: at })
        .where('id', '=', signalement.id)
        .execute();
      await recordEvent(trx, { decisionId, at, event: 'signalement_updated', occurrence: revisionId });
    }
    for (const m of await openMandates(trx, decisionId)) {
      await notifyOnce(trx, {
        kind: 'measure_revised',
        agencyId: m.recipient_id,
        province: m.province,
        decisionId,
        mandateId: m.id,
        occurrence: revisionId,
        at,
        detail: `the measure of ${d.reference} was revised (${revisionId})${change.payload.reason ? `: ${change.payload.reason}` : ''}; read the new conditions in mandate ${m.id}`,
      });
    }
  });
}
