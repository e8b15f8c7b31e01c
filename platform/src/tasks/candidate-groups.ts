import type { Principal } from '../auth/roles';

/**
 * Candidate groups of a user task name who may work on it, in one of two forms:
 * `agency:<agency id>` (`agency:COORD-BE-WHT`: the coordination of Hainaut) or `role:<role>`
 * (`role:coordinator`: every coordinator). Candidate users name user accounts. In a model:
 * `candidateGroups="agency:COORD-BE-WHT"` or a FEEL expression giving a list, such as `=["agency:COORD-" + province]`.
 */
export const AGENCY_PREFIX = 'agency:';
export const ROLE_PREFIX = 'role:';

/** The groups a user belongs to: their agency and their role. */
export function groupsOf(p: Pick<Principal, 'agencyId' | 'role'>): string[] {
  return [`${AGENCY_PREFIX}${p.agencyId}`, `${ROLE_PREFIX}${p.role}`];
}

/** Who a task is offered to, as the engine reports it. */
export interface TaskAudience {
  assignee?: string;
  candidateGroups?: string[];
  candidateUsers?: string[];
}

/** Whether a group follows the convention (`agency:<id>` or `role:<role>` with a non-empty name). */
export function isConventionalGroup(group: string): boolean {
  return /^(agency|role):\S+$/.test(group);
}

/**
 * Whether the user may work on the task (see it in their list, claim, complete): it is assigned to
 * them, offered to them by name, to their agency or to their role. An admin may work on any task
 * (to unblock one whose group has nobody).
 */
export function mayWorkOnTask(p: Pick<Principal, 'user' | 'agencyId' | 'role'>, t: TaskAudience): boolean {
  if (p.role === 'admin') return true;
  if (t.assignee === p.user) return true;
  if ((t.candidateUsers ?? []).includes(p.user)) return true;
  const mine = groupsOf(p);
  return (t.candidateGroups ?? []).some((g) => mine.includes(g));
}
