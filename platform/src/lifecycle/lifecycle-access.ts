import type { Principal } from '../auth/roles';
import { FINAL_STATUSES } from '../domain/measure-period';
import { findDecision, type DecisionRow } from '../views/decision-records';
import { conflict, forbidden, notFound } from '../errors';
import type { ServiceContext } from '../service-context';
import type { Db } from '../store/database';

/** Who may take each action on a decision's measure (issue 15). */
export type LifecycleAction = 'revise' | 'revoke' | 'move' | 'release';

/**
 * Loads the decision and checks the caller may act on it: revise and revoke, the decision's parquet
 * clerk; a move, that clerk or a police zone holding an open mandate of the decision; a release,
 * the prison the decision names. Admins may do all. A refusal is audited before the 403.
 */
export async function decisionForAction(
  ctx: ServiceContext,
  p: Principal,
  id: string,
  action: LifecycleAction,
  justification?: string,
): Promise<DecisionRow> {
  const d = await findDecision(ctx.db, id);
  if (!d) throw notFound('decision', id);
  if (!(await allowed(ctx, p, d, action))) {
    await ctx.audit.append({
      user: p.user,
      agencyId: p.agencyId,
      action: `decision.${action}`,
      object: id,
      justification,
      outcome: 'denied',
    });
    throw forbidden(`${whoMay[action]}; you are ${p.role} of ${p.agencyId}. This attempt has been logged`);
  }
  refuseIfOver(d, action);
  return d;
}

/** 409 `measure_over` when the decision's measure has ended or was revoked. */
function refuseIfOver(d: DecisionRow, action: LifecycleAction): void {
  if (FINAL_STATUSES.includes(d.status)) {
    throw conflict(
      'measure_over',
      `the measure of decision ${d.id} is ${d.status}: it can no longer ${action === 'release' ? 'be released' : `be ${action === 'move' ? 'moved' : `${action}d`}`}`,
    );
  }
}

const whoMay: Record<LifecycleAction, string> = {
  revise: "only the decision's parquet may revise its measure",
  revoke: "only the decision's parquet may revoke its measure",
  move: "only the decision's parquet, or a police zone holding one of its mandates, may record a move",
  release: 'only the prison the decision names may announce the release',
};

async function allowed(ctx: ServiceContext, p: Principal, d: DecisionRow, action: LifecycleAction) {
  if (p.role === 'admin') return true;
  if (action === 'release') return p.role === 'prison_officer' && d.prison_id === p.agencyId;
  if (p.role === 'parquet_clerk') return d.parquet_id === p.agencyId;
  if (action !== 'move' || p.role !== 'police_agent') return false;
  const held = await ctx.db
    .selectFrom('mandates')
    .select('id')
    .where('decision_id', '=', d.id)
    .where('recipient_id', '=', p.agencyId)
    .where('status', '!=', 'closed')
    .executeTakeFirst();
  return held !== undefined;
}

/**
 * The same checks again, inside the action's transaction: the decision is still there (a purge may
 * have erased a case handed to the old channel since `decisionForAction` read it) and its measure is
 * not over (a concurrent revocation). On PostgreSQL the transaction holds the writers' lock here, so
 * this read sees every commit before it.
 */
export async function stillActionable(trx: Db, id: string, action: LifecycleAction): Promise<void> {
  const d = await findDecision(trx, id);
  if (!d) throw notFound('decision', id);
  refuseIfOver(d, action);
}
