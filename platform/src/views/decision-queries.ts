import {
  isOversightRead,
  isStated,
  justificationRequired,
  mayManageDecision,
  mayReadDecision,
} from '../auth/need-to-know';
import type { Principal } from '../auth/roles';
import { forbidden, notFound, UserError } from '../errors';
import type { ServiceContext } from '../service-context';
import { findDecision, type DecisionRow } from './decision-records';
import { decisionSummary, decisionView, type DecisionView } from './decision-view';

const scopeOf = (d: DecisionRow) => ({
  id: d.id,
  parquetId: d.parquet_id,
  province: d.province,
  prisonId: d.prison_id,
});

/**
 * Loads a decision the caller may see (read) or manage; 404 when unknown, 403 (audited) when it is
 * not theirs.
 */
export async function loadDecisionFor(
  ctx: ServiceContext,
  p: Principal,
  id: string,
  action: string,
  justification: string | undefined,
  manage = false,
): Promise<DecisionRow> {
  const d = await findDecision(ctx.db, id);
  if (!d) throw notFound('decision', id);
  const ok = manage ? mayManageDecision(p, scopeOf(d)) : mayReadDecision(p, scopeOf(d));
  if (!ok) {
    await ctx.audit.append({
      user: p.user,
      agencyId: p.agencyId,
      action,
      object: id,
      justification,
      outcome: 'denied',
    });
    throw forbidden(`decision ${id} is not within ${p.agencyId}'s remit; this attempt has been logged`);
  }
  if (!manage && isOversightRead(p, {}) && !isStated(justification)) {
    await ctx.audit.append({ user: p.user, agencyId: p.agencyId, action, object: id, outcome: 'denied' });
    throw justificationRequired(p, `decision ${id}`);
  }
  return d;
}

/** One decision with mandates, signalement and timeline; the read is audited. */
export async function readDecision(
  ctx: ServiceContext,
  p: Principal,
  id: string,
  justification?: string,
): Promise<DecisionView> {
  const d = await loadDecisionFor(ctx, p, id, 'decision.read', justification);
  await ctx.audit.append({
    user: p.user,
    agencyId: p.agencyId,
    action: 'decision.read',
    object: id,
    justification,
    outcome: 'ok',
  });
  return decisionView(ctx, d);
}

/** The decision document; the read is audited. */
export async function readDocument<T>(
  ctx: ServiceContext,
  p: Principal,
  id: string,
  justification: string | undefined,
  prepare: (doc: { bytes: Buffer; fileName: string }) => T,
): Promise<T> {
  const d = await loadDecisionFor(ctx, p, id, 'decision.document', justification);
  const bytes = await ctx.documents.get(d.document_sha256);
  if (!bytes) throw new Error(`document ${d.document_sha256} of ${id} is missing from the document store`);
  return auditedDelivery(ctx, p, { action: 'decision.document', object: id, justification }, () =>
    prepare({ bytes, fileName: d.document_name }),
  );
}

/**
 * Runs the step that hands a document out (sets the answer's headers) and audits its real outcome:
 * `ok` once it is ready to send, `failed` (and the error passed on) when it could not be.
 */
export async function auditedDelivery<T>(
  ctx: ServiceContext,
  p: Principal,
  entry: { action: string; object: string; justification?: string },
  deliver: () => T,
): Promise<T> {
  let out: T;
  try {
    out = deliver();
  } catch (e) {
    await ctx.audit.append({ user: p.user, agencyId: p.agencyId, ...entry, outcome: 'failed' });
    throw e;
  }
  await ctx.audit.append({ user: p.user, agencyId: p.agencyId, ...entry, outcome: 'ok' });
  return out;
}

/**
 * The caller's decisions, newest first: a parquet its own, a coordinator its province's, a prison
 * those naming it, an admin all. Paged by sequence number.
 */
export async function listDecisions(
  ctx: ServiceContext,
  p: Principal,
  q: { status?: string; limit: number; cursor?: string; justification?: string },
): Promise<{ items: ReturnType<typeof decisionSummary>[]; nextCursor: string | null }> {
  let query = ctx.db.selectFrom('decisions').selectAll();
  if (p.role === 'parquet_clerk') query = query.where('parquet_id', '=', p.agencyId);
  else if (p.role === 'coordinator') query = query.where('province', '=', p.province ?? '-');
  else if (p.role === 'prison_officer') query = query.where('prison_id', '=', p.agencyId);
  else if (p.role !== 'admin')
    throw forbidden(`${p.role} does not see decisions; mandates are in GET /api/mandates`);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.cursor) {
    const before = Number.parseInt(q.cursor, 36);
    if (!Number.isFinite(before)) {
      throw new UserError(
        400,
        'invalid_cursor',
        'Invalid cursor',
        'cursor is not one this API returned; start again without it',
      );
    }
    query = query.where('seq', '<', before);
  }
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  await ctx.audit.appendList(
    p,
    'decision.list',
    page.map((r) => r.id),
    q.justification,
  );
  return {
    items: page.map(decisionSummary),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.seq.toString(36) : null,
  };
}
