import type { Role } from './api/types';

export interface NavItem {
  path: string;
  key: string;
  roles: readonly Role[];
}

const RECIPIENTS: Role[] = ['police_agent', 'justice_assistant', 'monitoring_operator'];
const ROUTING: Role[] = ['coordinator', 'admin'];
const OPERATIONS: Role[] = ['analyst', 'admin'];

/** The menu, in order; each role sees its own entries. */
export const NAV: NavItem[] = [
  { path: '/inbox', key: 'nav.inbox', roles: RECIPIENTS },
  { path: '/decisions/new', key: 'nav.upload', roles: ['parquet_clerk'] },
  {
    path: '/decisions',
    key: 'nav.decisions',
    roles: ['parquet_clerk', 'prison_officer', 'coordinator', 'admin'],
  },
  { path: '/decisions/new', key: 'nav.uploadLeave', roles: ['prison_officer'] },
  { path: '/breaches', key: 'nav.breaches', roles: ['parquet_clerk'] },
  { path: '/escalations', key: 'nav.escalations', roles: ROUTING },
  { path: '/routing', key: 'nav.routing', roles: ROUTING },
  { path: '/routing/preview', key: 'nav.preview', roles: ROUTING },
  { path: '/routing/tests', key: 'nav.tests', roles: ROUTING },
  { path: '/routing/versions', key: 'nav.versions', roles: ROUTING },
  { path: '/routing/rollout', key: 'nav.rollout', roles: ROUTING },
  { path: '/models', key: 'nav.models', roles: OPERATIONS },
  { path: '/modeler', key: 'nav.modeler', roles: OPERATIONS },
  { path: '/operations', key: 'nav.instances', roles: OPERATIONS },
  { path: '/incidents', key: 'nav.incidents', roles: OPERATIONS },
  { path: '/dashboard', key: 'nav.dashboard', roles: [...OPERATIONS, 'coordinator'] },
  { path: '/audit', key: 'nav.audit', roles: ['admin', 'auditor'] },
  { path: '/users', key: 'nav.users', roles: ['admin'] },
  { path: '/delivery', key: 'nav.delivery', roles: ['admin'] },
  { path: '/data-protection', key: 'nav.dataProtection', roles: ['admin', 'auditor'] },
  { path: '/migration', key: 'nav.migration', roles: OPERATIONS },
  {
    path: '/tasks',
    key: 'nav.tasks',
    roles: ['coordinator', 'analyst', 'admin', 'parquet_clerk', ...RECIPIENTS, 'prison_officer'],
  },
];

/** The entries a role sees. */
export function navFor(role: Role): NavItem[] {
  return NAV.filter((n) => n.roles.includes(role));
}

/** Where a role lands after login. */
export function homeOf(role: Role): string {
  return navFor(role)[0]?.path ?? '/decisions';
}
