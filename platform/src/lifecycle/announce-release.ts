import type { ReleaseInput } from '@iplus/contract';
import type { Principal } from '../auth/roles';
import { recordEvent } from '../views/decision-records';
import { conflict, invalid } from '../errors';
import { notifyOnce } from '../notifications/notifications';
import type { DecisionFacts } from '../reference-port';
import type { ServiceContext } from '../service-context';
import { transact } from '../store/database';
import { insertChange } from './decision-changes';
import { decisionForAction, stillActionable } from './lifecycle-access';
import { LIFECYCLE_MESSAGES, queueMessage } from './lifecycle-messages';
import { measureEndAt } from '../domain/measure-period';
import { municipalityOf } from './new-domicile';

/** How far ahead a release may be announced. */
const MAX_AHEAD_MS = 30 * 24 * 3600 * 1000;

/**
 * A prison announces the actual release of the person of a decision awaiting it. The process
 * (waiting at "Release announced") then waits until that moment, routes the case (with the address
 * on release, when given) and issues the mandates: their deadlines count from the release. A measure
 * counted from the release gets its end now. The parquet is notified.
 */
export async function announceRelease(
  ctx: ServiceContext,
  p: Principal,
  id: string,
  body: ReleaseInput,
  justification?: string,
): Promise<string> {
  const d = await decisionForAction(ctx, p, id, 'release', justification);
  if (d.status !== 'awaiting_release') {
    throw conflict(
      'not_awaiting_release',
      d.released_at
        ? `the release of decision ${id} was announced already (${d.released_at})`
        : `decision ${id} is not waiting for a release (status ${d.status})`,
    );
  }
  const releasedAt = new Date(body.releasedAt);
  const input = JSON.parse(d.input_json) as DecisionFacts & { decisionDate?: string };
  if (
    Number.isNaN(releasedAt.getTime()) ||
    releasedAt.getTime() > ctx.clock.now().getTime() + MAX_AHEAD_MS ||
    (input.decisionDate && body.releasedAt.slice(0, 10) < input.decisionDate)
  ) {
    throw invalid([
      {
        field: 'releasedAt',
        code: 'out_of_range',
        message: 'the release is a date-time between the decision date and 30 days from now',
      },
    ]);
  }
  const place = body.address ? municipalityOf(ctx.reference, body.address, 'address') : undefined;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const changeId = await transact(ctx.db, async (trx) => {
    await stillActionable(trx, id, 'release');
    const released = releasedAt.toISOString();
    const end = measureEndAt(input, { awaiting: true, releasedAt: released });
    const nextInput = place
      ? { ...input, person: { ...input.person, domicile: { ...body.address, municipalityNis: place.nis } } }
      : input;
    await trx
      .updateTable('decisions')
      .set({
        status: 'received',
        released_at: released,
        measure_end: end,
        input_json: JSON.stringify(nextInput),
        ...(place ? { nis: place.nis, province: place.province } : {}),
      })
      .where('id', '=', id)
      .where('status', '=', 'awaiting_release')
      .execute();
    const changeId = await insertChange(trx, {
      decisionId: id,
      kind: 'release',
      at,
      by: p,
      payload: { releasedAt: released, address: place ?? null },
    });
    await recordEvent(trx, { decisionId: id, at: released, event: 'released', agencyId: p.agencyId });
    await notifyOnce(trx, {
      kind: 'release_announced',
      agencyId: d.parquet_id,
      province: place?.province ?? d.province,
      decisionId: id,
      at,
      detail: `${p.agencyId} announces the release of the person of ${d.reference} at ${released}`,
    });
    await queueMessage(trx, now, {
      name: LIFECYCLE_MESSAGES.released,
      correlationKey: id,
      messageId: changeId,
      variables: {
        releasedAt: released,
        measureEnd: end,
        nis: place?.nis ?? d.nis,
        province: place?.province ?? d.province,
      },
    });
    await ctx.audit.appendIn(trx, {
      user: p.user,
      agencyId: p.agencyId,
      action: 'decision.release',
      object: id,
      justification,
      outcome: 'ok',
    });
    return changeId;
  });
  ctx.outbox.kick();
  return changeId;
}
