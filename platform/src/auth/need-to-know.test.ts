import { mayActOnMandate, mayReadDecision, mayReadMandate } from './need-to-know';
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
