import {
  isOversightRead,
  isStated,
  justificationRequired,
  mayActOnMandate,
  mayReadMandate,
} from '../auth/need-to-know';
import type { Principal } from '../auth/roles';
import { forbidden, notFound } from '../errors';
import type { ServiceContext } from '../service-context';
import type { Db } from '../store/database';
import type { MandateRow } from './mandate-view';

/** Reads a mandate row, or throws 404. */
export async function loadMandate(db: Db, id: string): Promise<MandateRow> {
  const row = await db.selectFrom('mandates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('mandate', id);
  return row;
}

/** Reads of a mandate's personal data that need a stated reason when they are oversight. */
const JUSTIFIED_READS = new Set(['mandate.read', 'mandate.document']);

const scopeOf = (m: MandateRow) => ({
  id: m.id,
  recipientId: m.recipient_id,
  parquetId: m.parquet_id,
  province: m.province,
});

/**
 * Checks need-to-know for a mandate. A refusal is itself audited (who tried to see whose mandate)
 * before the 403 is thrown; the entry commits on its own, since the request changes nothing else.
 */
export async function checkMandateAccess(
  ctx: ServiceContext,
  p: Principal,
  m: MandateRow,
  action: 'read' | 'act',
  what: string,
  justification?: string,
): Promise<void> {
  const allowed = action === 'read' ? mayReadMandate(p, scopeOf(m)) : mayActOnMandate(p, scopeOf(m));
  if (allowed && JUSTIFIED_READS.has(what) && isOversightRead(p, scopeOf(m)) && !isStated(justification)) {
    await ctx.audit.append({
      user: p.user,
      agencyId: p.agencyId,
      action: what,
      object: m.id,
      outcome: 'denied',
    });
    throw justificationRequired(p, `mandate ${m.id}`);
  }
  if (allowed) return;
  await ctx.audit.append({
    user: p.user,
    agencyId: p.agencyId,
    action: what,
    object: m.id,
    justification,
    outcome: 'denied',
  });
  throw forbidden(
    action === 'read'
      ? `mandate ${m.id} is addressed to ${m.recipient_id}, not to ${p.agencyId}; this attempt has been logged`
      : `only ${m.recipient_id} can ${what.split('.')[1]} mandate ${m.id}; this attempt has been logged`,
  );
}
