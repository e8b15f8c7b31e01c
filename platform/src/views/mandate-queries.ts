import type { Principal } from '../auth/roles';
import { RECIPIENT_ROLES } from '../auth/roles';
import { findDecision } from './decision-records';
import { auditedDelivery } from './decision-queries';
import { forbidden, UserError } from '../errors';
import type { ServiceContext } from '../service-context';
import type { Db } from '../store/database';
import { mandateChanges, type InboxKey } from '../store/mandate-changes';
import { QueryShapes } from '../store/query-shapes';
import { checkMandateAccess, loadMandate } from './mandate-access';
import { MANDATE_VIEW_COLUMNS, mandateView, type MandateView } from './mandate-view';

export interface InboxQuery {
  status?: string;
  kind?: string;
  overdue?: boolean;
  limit: number;
  cursor?: string;
  justification?: string;
}

/** Opaque keyset cursor over (deadline, id). */
export function encodeCursor(deadline: string, id: string): string {
  return Buffer.from(JSON.stringify([deadline, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string')
      return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw new UserError({
    status: 400,
    code: 'invalid_cursor',
    title: 'Invalid cursor',
    detail: 'cursor is not one this API returned; start again without it',
    errors: [{ field: 'cursor', code: 'invalid_cursor', message: 'use the nextCursor of the previous page' }],
  });
}

/**
 * Whose mandates the caller's inbox holds: a police zone, justice house or monitoring centre what is
 * addressed to it; a coordinator its province's mandates; a parquet those of its decisions; an admin
 * all. 403 for a role without an inbox.
 */
function inboxOf(
  p: Principal,
): { column: 'recipient_id' | 'province' | 'parquet_id'; key: InboxKey; value: string } | 'all' {
  if (RECIPIENT_ROLES.has(p.role))
    return { column: 'recipient_id', key: `recipient:${p.agencyId}`, value: p.agencyId };
  if (p.role === 'coordinator') {
    const province = p.province ?? '-';
    return { column: 'province', key: `province:${province}`, value: province };
  }
  if (p.role === 'parquet_clerk')
    return { column: 'parquet_id', key: `parquet:${p.agencyId}`, value: p.agencyId };
  if (p.role === 'admin') return 'all';
  throw forbidden(`${p.role} has no mandate inbox`);
}

/**
 * Waits for the caller's inbox to change (a mandate issued to it, or one of its mandates changing
 * recipient, status or overdue flag): answers at once with the inbox's position when `since` is not
 * given, or when the inbox changed after `since`; otherwise once it changes, or after `waitSeconds`,
 * or when `signal` aborts (the client left, the server stops). No personal data: a client reads its
 * inbox (`inbox`, audited) when `changed` says so, instead of reading it again and again.
 */
export async function inboxChanges(
  ctx: ServiceContext,
  p: Principal,
  q: { since?: string; waitSeconds: number },
  signal?: AbortSignal,
): Promise<{ token: string; changed: boolean }> {
  const owner = inboxOf(p);
  const key = owner === 'all' ? 'all' : owner.key;
  const changes = mandateChanges(ctx.db);
  if (q.since === undefined) return { token: await changes.token(key), changed: false };
  return changes.waitForChange(key, q.since, q.waitSeconds * 1000, signal);
}

/** The inbox's query: whose (a column or all), which filters and the cursor (see `inbox`). */
const INBOX = new QueryShapes(
  (
    db: Db,
    shape: { column?: 'recipient_id' | 'province' | 'parquet_id'; overdue?: boolean },
    v: {
      owner?: string;
      status?: string;
      kind?: string;
      now?: string;
      deadline?: string;
      id?: string;
      limit: number;
    },
  ) => {
    let query = db.selectFrom('mandates as m').select(MANDATE_VIEW_COLUMNS.map((c) => `m.${c}` as const));
    if (shape.column && v.owner !== undefined) query = query.where(`m.${shape.column}`, '=', v.owner);
    if (v.status !== undefined) query = query.where('m.status', '=', v.status);
    if (v.kind !== undefined) query = query.where('m.kind', '=', v.kind);
    const now = v.now;
    if (shape.overdue === true && now !== undefined) {
      query = query.where((eb) =>
        eb.or([
          eb('m.overdue', '=', 1),
          eb.and([eb('m.status', '=', 'issued'), eb('m.deadline', '<=', now)]),
        ]),
      );
    } else if (shape.overdue === false && now !== undefined) {
      query = query
        .where('m.overdue', '=', 0)
        .where((eb) => eb.or([eb('m.status', '!=', 'issued'), eb('m.deadline', '>', now)]));
    }
    const { deadline, id } = v;
    if (deadline !== undefined && id !== undefined) {
      query = query.where((eb) =>
        eb.or([
          eb('m.deadline', '>', deadline),
          eb.and([eb('m.deadline', '=', deadline), eb('m.id', '>', id)]),
        ]),
      );
    }
    return query.orderBy('m.deadline').orderBy('m.id').limit(v.limit);
  },
);

/**
 * The caller's inbox (see `inboxOf`), sorted by deadline. Keyset-paged on (deadline, id), so page
 * 1,000 costs what page 1 does.
 */
export async function inbox(
  ctx: ServiceContext,
  p: Principal,
  q: InboxQuery,
): Promise<{ items: MandateView[]; nextCursor: string | null }> {
  const owner = inboxOf(p);
  const now = ctx.clock.now().toISOString();
  const [deadline, id] = q.cursor ? decodeCursor(q.cursor) : [undefined, undefined];
  const rows = await INBOX.execute(
    ctx.db,
    { column: owner === 'all' ? undefined : owner.column, overdue: q.overdue },
    {
      owner: owner === 'all' ? undefined : owner.value,
      status: q.status || undefined,
      kind: q.kind || undefined,
      now: q.overdue === undefined ? undefined : now,
      deadline,
      id,
      limit: q.limit + 1,
    },
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const inputs = await ctx.inputs.get(page.map((m) => m.decision_id));
  await ctx.audit.appendList(
    p,
    'mandate.list',
    page.map((r) => r.id),
    q.justification,
  );
  return {
    items: page.map((m) => mandateView(m, inputs.get(m.decision_id), ctx.reference, now)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.deadline, last.id) : null,
  };
}

/** One mandate, for whoever may see it (403 and an audit entry otherwise). */
export async function readMandate(
  ctx: ServiceContext,
  p: Principal,
  id: string,
  justification?: string,
): Promise<MandateView> {
  const m = await loadMandate(ctx.db, id);
  await checkMandateAccess(ctx, p, m, 'read', 'mandate.read', justification);
  const input = await ctx.inputs.one(m.decision_id);
  await ctx.audit.append({
    user: p.user,
    agencyId: p.agencyId,
    action: 'mandate.read',
    object: id,
    justification,
    outcome: 'ok',
  });
  return mandateView(m, input, ctx.reference, ctx.clock.now().toISOString());
}

/** The PDF of a mandate's decision, for whoever may read the mandate (its recipient); the read is audited. */
export async function readMandateDocument<T>(
  ctx: ServiceContext,
  p: Principal,
  id: string,
  justification: string | undefined,
  prepare: (doc: { bytes: Buffer; fileName: string }) => T,
): Promise<T> {
  const m = await loadMandate(ctx.db, id);
  await checkMandateAccess(ctx, p, m, 'read', 'mandate.document', justification);
  const d = await findDecision(ctx.db, m.decision_id);
  const bytes = d && (await ctx.documents.get(d.document_sha256));
  if (!d || !bytes) throw new Error(`the document of decision ${m.decision_id} is missing`);
  return auditedDelivery(ctx, p, { action: 'mandate.document', object: m.id, justification }, () =>
    prepare({ bytes, fileName: d.document_name }),
  );
}

/** Builds the view of a mandate the caller has just changed (its data is already audited by the change). */
export async function viewOf(ctx: ServiceContext, id: string): Promise<MandateView> {
  const m = await loadMandate(ctx.db, id);
  return mandateView(m, await ctx.inputs.one(m.decision_id), ctx.reference, ctx.clock.now().toISOString());
}
