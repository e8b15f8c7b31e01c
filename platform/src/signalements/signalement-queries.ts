import type { BngPort } from '../bng/bng-port';
import type { Principal } from '../auth/roles';
import { loadDecisionFor } from '../views/decision-queries';
import { findDecision } from '../views/decision-records';
import { notFound } from '../errors';
import type { DecisionFacts } from '../reference-port';
import type { ServiceContext } from '../service-context';
import { ensureSignalement } from './ensure-signalement';
import { signalementView, type SignalementView } from '../views/signalement-view';

/** `POST /api/signalements`: flags the person of a decision by hand (idempotent per decision). */
export async function createSignalementByHand(
  ctx: ServiceContext,
  bng: BngPort,
  p: Principal,
  decisionId: string,
  justification?: string,
): Promise<{ created: boolean; signalement: SignalementView }> {
  const d = await loadDecisionFor(ctx, p, decisionId, 'signalement.create', justification, true);
  const { id, created } = await ensureSignalement(ctx, bng, d.id, {
    user: p.user,
    agencyId: p.agencyId,
    justification,
  });
  const row = await ctx.db
    .selectFrom('signalements')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { created, signalement: signalementView(row, JSON.parse(d.input_json) as DecisionFacts) };
}

/** `GET /api/signalements/{id}`: whoever may read the decision may read its signalement. */
export async function readSignalement(
  ctx: ServiceContext,
  p: Principal,
  id: string,
  justification?: string,
): Promise<SignalementView> {
  const row = await ctx.db.selectFrom('signalements').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('signalement', id);
  const d = (await findDecision(ctx.db, row.decision_id))!;
  await loadDecisionFor(ctx, p, d.id, 'signalement.read', justification);
  await ctx.audit.append({
    user: p.user,
    agencyId: p.agencyId,
    action: 'signalement.read',
    object: id,
    justification,
    outcome: 'ok',
  });
  return signalementView(row, JSON.parse(d.input_json) as DecisionFacts);
}
