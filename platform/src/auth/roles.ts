import { ROLES, type Role } from '@iplus/contract';

// The roles are the contract's (contract/agency-vocabulary.ts); re-exported so the auth code keeps
// one import for roles, principals and recipient roles.
export { ROLES, type Role };

/** The caller of a request, once authenticated. */
export interface Principal {
  user: string;
  role: Role;
  agencyId: string;
  language: string;
  /** For coordinators: the province they coordinate (ISO 3166-2, or BE-BRU). */
  province?: string;
  /** How the caller proved who they are; cookie sessions must also pass the CSRF check. */
  via: 'session' | 'token';
  csrfToken?: string;
}

/** Roles whose agency receives mandates, with the mandate kind they handle. */
export const RECIPIENT_ROLES: ReadonlySet<Role> = new Set<Role>([
  'police_agent',
  'justice_assistant',
  'monitoring_operator',
]);

/** The province a coordination agency id names: `COORD-BE-WHT` → `BE-WHT`. */
export function provinceOfCoordination(agencyId: string): string | undefined {
  const m = /^COORD-(BE-[A-Z]{3})$/.exec(agencyId);
  return m ? m[1] : undefined;
}

/** The coordination agency of a province: `BE-WHT` → `COORD-BE-WHT`. */
export function coordinatorOf(province: string): string {
  return `COORD-${province}`;
}
