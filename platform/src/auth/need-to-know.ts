import { forbidden, UserError } from '../errors';
import { RECIPIENT_ROLES, type Principal, type Role } from './roles';

/** What a rule needs to know about a decision to decide who may see it. */
export interface DecisionScope {
  id: string;
  parquetId: string;
  province: string;
  prisonId: string | null;
}

/** What a rule needs to know about a mandate. */
export interface MandateScope {
  id: string;
  recipientId: string;
  parquetId: string;
  province: string;
}

/**
 * Need-to-know (docs/API-CONTRACT.md, "Roles and agencies"): a parquet sees its decisions, a
 * coordinator its province, a prison its released people (read-only), an admin everything; police
 * zones, justice houses and monitoring centres see the mandates addressed to them, not the decisions.
 */
export function mayReadDecision(p: Principal, d: DecisionScope): boolean {
  switch (p.role) {
    case 'admin':
      return true;
    case 'parquet_clerk':
      return d.parquetId === p.agencyId;
    case 'coordinator':
      return d.province === p.province;
    case 'prison_officer':
      return d.prisonId !== null && d.prisonId === p.agencyId;
    default:
      return false;
  }
}

/** Who may change a decision's follow-up (add a mandate or signalement by hand). */
export function mayManageDecision(p: Principal, d: DecisionScope): boolean {
  if (p.role === 'prison_officer') return false;
  return mayReadDecision(p, d);
}

/** Who may read a mandate: its recipient, the decision's parquet, the province's coordinator, admin. */
export function mayReadMandate(p: Principal, m: MandateScope): boolean {
  switch (p.role) {
    case 'admin':
      return true;
    case 'parquet_clerk':
      return m.parquetId === p.agencyId;
    case 'coordinator':
      return m.province === p.province;
    default:
      return RECIPIENT_ROLES.has(p.role) && m.recipientId === p.agencyId;
  }
}

/** Who may acknowledge or report on a mandate: the agency it is addressed to (and admin). */
export function mayActOnMandate(p: Principal, m: MandateScope): boolean {
  if (p.role === 'admin') return true;
  if (p.role === 'coordinator') return m.recipientId === p.agencyId;
  return RECIPIENT_ROLES.has(p.role) && m.recipientId === p.agencyId;
}

/**
 * Whether reading a case is oversight rather than the caller's own work: an admin reading anything,
 * a coordinator reading a decision of the province or a mandate not addressed to the coordination
 * (their own inbox holds the mandates waiting for manual assignment). Such reads of personal data
 * need a stated reason (X-Justification); a parquet reading its decisions, a prison its released
 * people and a recipient its mandates do not (docs/API-CONTRACT.md, "Justification").
 */
export function isOversightRead(p: Principal, scope: { recipientId?: string }): boolean {
  if (p.role === 'admin') return true;
  if (p.role === 'coordinator') return scope.recipientId !== p.agencyId;
  return false;
}

/** The 400 for an oversight read without a reason. */
export function justificationRequired(p: Principal, what: string): UserError {
  const detail =
    `${what} is outside your own inbox (${p.role} of ${p.agencyId}): say why you open it in the ` +
    'X-Justification header (for example the case, request or incident it is for); it is kept in the audit log';
  return new UserError(400, 'justification_required', 'Justification required', detail, [
    { field: 'X-Justification', code: 'required', message: 'give the reason for reading this personal data' },
  ]);
}

/** A justification that says something (not missing, not blank). */
export function isStated(justification: string | undefined): justification is string {
  return justification !== undefined && justification.trim() !== '';
}

/** Throws 403 unless the caller has one of the roles. */
export function requireRole(p: Principal, ...roles: Role[]): void {
  if (!roles.includes(p.role)) {
    throw forbidden(`this needs one of the roles ${roles.join(', ')}; you are ${p.role} of ${p.agencyId}`);
  }
}
