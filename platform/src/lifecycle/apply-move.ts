import { coordinatorOf } from '../auth/roles';
import { involvesElectronicMonitoring } from '../domain/electronic-monitoring';
import type { BngPort } from '../bng/bng-port';
import { findDecision, recordEvent } from '../views/decision-records';
import { notFound } from '../errors';
import { issueMandateIn } from '../mandates/issue-mandate';
import type { MandateKind } from '../domain/mandate-kinds';
import { notifyOnce } from '../notifications/notifications';
import type { DecisionFacts } from '../reference-port';
import { asRoutingOutput } from '../views/routing-view';
import type { Actor, ServiceContext } from '../service-context';
import { transact } from '../store/database';
import { closeMandates } from './end-measure';
import { findChange, markApplied, openMandates, superseded } from './decision-changes';

/**
 * Worker `iplus:move-domicile`: re-routes a case after a move, with the routing the process just
 * evaluated for the new municipality (the same tables). Each kind of mandate whose recipient changes
 * is closed (its recipient told) and, in a live region, issued to the new recipient and followed up
 * (process `mandate-follow-up`); in a region that is not live the new part goes to the old channel
 * (the new province's coordinator is notified), the rest stays as it is. The signalement gets the
 * new domicile. Once per move.
 *
 * At any moment of the case's life: a kind with no open mandate yet (the process's first routing has
 * not issued it, a move recorded right after the upload) is issued here too, and the process's own
 * issue job then stands down (lifecycle/issue-to-current-domicile.ts); both decide under the writers'
 * lock, so each kind ends with one open mandate. Only the newest move acts: one superseded by a move
 * recorded after it (their jobs may run in any order) is marked applied and does nothing, the newer
 * move's re-routing reaches the newest domicile.
 */
export async function applyMove(
  ctx: ServiceContext,
  bng: BngPort,
  decisionId: string,
  moveId: string,
  newRouting: unknown,
  actor: Actor,
): Promise<{ reissued: string[]; oldChannel: boolean }> {
  const change = await findChange<{ to: { nis: string; province: string } }>(ctx.db, moveId);
  if (!change || change.decision_id !== decisionId) throw notFound('move', moveId);
  if (change.applied_at) return { reissued: [], oldChannel: false };
  if (await superseded(ctx.db, decisionId, moveId)) {
    await transact(ctx.db, (trx) => markApplied(trx, moveId, ctx.clock.now().toISOString()));
    return { reissued: [], oldChannel: false };
  }
  const d = await findDecision(ctx.db, decisionId);
  if (!d) throw notFound('decision', decisionId);
  const routing = asRoutingOutput(newRouting);
  const input = JSON.parse(d.input_json) as DecisionFacts;
  const em = involvesElectronicMonitoring(d.measure, input.electronicMonitoring);
  const wanted: Array<{ kind: MandateKind; agencyId: string | null }> = [
    { kind: 'police_check', agencyId: routing.policeZoneId },
    { kind: 'guidance', agencyId: routing.justiceHouseId },
    ...(em ? [{ kind: 'monitoring' as const, agencyId: routing.monitoringCentreId }] : []),
  ];
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
      changeId: moveId,
      reason: 'move',
      person: input.person,
      conditions: input.conditions,
      validUntil: d.measure_end,
    });
  }
  const now = ctx.clock.now();
  const at = now.toISOString();
  const live = routing.live === true;
  const { reissued, changed } = await transact(ctx.db, async (trx) => {
    const nothing = { reissued: [] as string[], changed: [] as typeof wanted };
    if (!(await markApplied(trx, moveId, at))) return nothing;
    if (await superseded(trx, decisionId, moveId)) return nothing;
    // Read under the writers' lock: a process's issue job of the same kinds decides under it too.
    const open = await openMandates(trx, decisionId);
    const changed = wanted.filter((w) => {
      const current = open.filter((m) => m.kind === w.kind);
      return current.length === 0 || current.some((m) => m.recipient_id !== w.agencyId);
    });
    const stale = open.filter((m) => changed.some((c) => c.kind === m.kind));
    await closeMandates(trx, now, d.reference, stale, 'moved');
    const ids: string[] = [];
    if (live) {
      for (const c of changed) {
        const { id } = await issueMandateIn(
          ctx,
          trx,
          {
            decisionId,
            kind: c.kind,
            recipientId: c.agencyId,
            deadline: ctx.settings.ackDeadline,
            origin: 'manual',
            processInstanceKey: null,
          },
          actor,
        );
        ids.push(id);
      }
    } else if (changed.length > 0) {
      await notifyOnce(trx, {
        kind: 'old_channel',
        agencyId: coordinatorOf(change.payload.to.province),
        province: change.payload.to.province,
        decisionId,
        occurrence: moveId,
        at,
        detail:
          `the person of ${d.reference} moved to municipality ${change.payload.to.nis}, in a region that is not live: ` +
          `send ${changed.map((c) => c.kind.replace('_', ' ')).join(' and ')} the old way`,
      });
    }
    await trx
      .updateTable('decisions')
      .set({ routing_json: JSON.stringify(newRouting) })
      .where('id', '=', decisionId)
      .execute();
    await recordEvent(trx, { decisionId, at, event: 'rerouted', occurrence: moveId });
    if (signalement) {
      await trx
        .updateTable('signalements')
        .set({ updated_at: at })
        .where('id', '=', signalement.id)
        .execute();
      await recordEvent(trx, { decisionId, at, event: 'signalement_updated', occurrence: moveId });
    }
    return { reissued: ids, changed };
  });
  ctx.outbox.kick();
  return { reissued, oldChannel: !live && changed.length > 0 };
}
