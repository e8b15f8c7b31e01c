import { groupsOf, isConventionalGroup, mayWorkOnTask } from './candidate-groups';

const coordinator = { user: 'coord.wht', agencyId: 'COORD-BE-WHT', role: 'coordinator' as const };

describe('candidate groups', () => {
  it('a user belongs to their agency and their role', () => {
    expect(groupsOf(coordinator)).toEqual(['agency:COORD-BE-WHT', 'role:coordinator']);
  });

  it('offers a task to the agency, the role, a named user or the assignee', () => {
    expect(mayWorkOnTask(coordinator, { candidateGroups: ['agency:COORD-BE-WHT'] })).toBe(true);
    expect(mayWorkOnTask(coordinator, { candidateGroups: ['role:coordinator'] })).toBe(true);
    expect(mayWorkOnTask(coordinator, { candidateUsers: ['coord.wht'] })).toBe(true);
    expect(mayWorkOnTask(coordinator, { assignee: 'coord.wht' })).toBe(true);
  });

  it('does not offer a task of another agency, role or user', () => {
    expect(mayWorkOnTask(coordinator, { candidateGroups: ['agency:COORD-BE-VLG'] })).toBe(false);
    expect(mayWorkOnTask(coordinator, { candidateGroups: ['role:analyst', 'COORD-BE-WHT'] })).toBe(false);
    expect(mayWorkOnTask(coordinator, { candidateUsers: ['someone'], assignee: 'someone' })).toBe(false);
    expect(mayWorkOnTask(coordinator, {})).toBe(false);
  });

  it('lets an admin work on any task', () => {
    expect(mayWorkOnTask({ user: 'root', agencyId: 'IPLUS', role: 'admin' }, {})).toBe(true);
  });

  it('tells conventional groups from others', () => {
    expect(isConventionalGroup('agency:PZ-5340')).toBe(true);
    expect(isConventionalGroup('role:coordinator')).toBe(true);
    expect(isConventionalGroup('agency:')).toBe(false);
    expect(isConventionalGroup('coordinators')).toBe(false);
  });
});
