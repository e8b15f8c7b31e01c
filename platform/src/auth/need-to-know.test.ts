import { isOversightRead, isStated, mayActOnMandate, mayReadDecision, mayReadMandate } from './need-to-know';
import type { Principal, Role } from './roles';

const who = (role: Role, agencyId: string, province?: string): Principal => ({
  user: 'u',
  role,
  agencyId,
  language: 'fr',
  via: 'token',
  province,
});
const decision = {
  id: 'D-000001',
  parquetId: 'PAR-MONS-TOURNAI',
  province: 'BE-WHT',
  prisonId: 'PRISON-TOURNAI',
};
const mandate = {
  id: 'M-000001-POL',
  recipientId: 'PZ-5318',
  parquetId: 'PAR-MONS-TOURNAI',
  province: 'BE-WHT',
};

describe('need-to-know', () => {
  it.each<[string, Principal, boolean]>([
    ['its parquet', who('parquet_clerk', 'PAR-MONS-TOURNAI'), true],
    ['another parquet', who('parquet_clerk', 'PAR-CHARLEROI'), false],
    ['its province coordinator', who('coordinator', 'COORD-BE-WHT', 'BE-WHT'), true],
    ['another coordinator', who('coordinator', 'COORD-BE-VOV', 'BE-VOV'), false],
    ['the prison it names', who('prison_officer', 'PRISON-TOURNAI'), true],
    ['another prison', who('prison_officer', 'PRISON-MONS'), false],
    ['a police zone', who('police_agent', 'PZ-5318'), false],
    ['an analyst', who('analyst', 'IPLUS'), false],
    ['an admin', who('admin', 'IPLUS'), true],
  ])('a decision is readable by %s: %s', (_, p, expected) =>
    expect(mayReadDecision(p, decision)).toBe(expected),
  );

  it.each<[string, Principal, boolean, boolean]>([
    ['its police zone', who('police_agent', 'PZ-5318'), true, true],
    ['another police zone', who('police_agent', 'PZ-5317'), false, false],
    ['a justice house', who('justice_assistant', 'MJ-TOURNAI'), false, false],
    ['the parquet', who('parquet_clerk', 'PAR-MONS-TOURNAI'), true, false],
    ['the coordinator', who('coordinator', 'COORD-BE-WHT', 'BE-WHT'), true, false],
    ['an analyst', who('analyst', 'IPLUS'), false, false],
  ])('a mandate is readable / actionable by %s: %s / %s', (_, p, read, act) => {
    expect(mayReadMandate(p, mandate)).toBe(read);
    expect(mayActOnMandate(p, mandate)).toBe(act);
  });
});

describe('oversight reads need a stated reason', () => {
  it.each<[string, Principal, { recipientId?: string }, boolean]>([
    ['an admin, a decision', who('admin', 'IPLUS'), {}, true],
    ['an admin, a mandate', who('admin', 'IPLUS'), { recipientId: 'PZ-5318' }, true],
    ['a coordinator, a decision of the province', who('coordinator', 'COORD-BE-WHT', 'BE-WHT'), {}, true],
    [
      'a coordinator, a mandate of a zone',
      who('coordinator', 'COORD-BE-WHT', 'BE-WHT'),
      { recipientId: 'PZ-5318' },
      true,
    ],
    [
      'a coordinator, a mandate waiting in its own inbox',
      who('coordinator', 'COORD-BE-WHT', 'BE-WHT'),
      { recipientId: 'COORD-BE-WHT' },
      false,
    ],
    ['a parquet, its decision', who('parquet_clerk', 'PAR-MONS-TOURNAI'), {}, false],
    ['a police zone, its mandate', who('police_agent', 'PZ-5318'), { recipientId: 'PZ-5318' }, false],
    ['a prison, its released person', who('prison_officer', 'PRISON-TOURNAI'), {}, false],
  ])('%s: %s', (_what, p, scope, expected) => expect(isOversightRead(p, scope)).toBe(expected));

  it('takes a blank reason for none', () => {
    expect(isStated(undefined)).toBe(false);
    expect(isStated('   ')).toBe(false);
    expect(isStated('case 2026/123 follow-up')).toBe(true);
  });
});
