import { forbidden } from '../errors';
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

/** Throws 403 unless the caller has one of the roles. */
export function requireRole(p: Principal, ...roles: Role[]): void {
  if (!roles.includes(p.role)) {
    throw forbidden(`this needs one of the roles ${roles.join(', ')}; you are ${p.role} of ${p.agencyId}`);
  }
}

/** Roles that may see personal data at all (analysts see none). */
export function seesPersonalData(p: Principal): boolean {
  return p.role !== 'analyst';
}
