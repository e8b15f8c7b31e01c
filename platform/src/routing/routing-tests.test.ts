import { mismatches, parseRoutingTests } from './routing-tests';

describe('routing test cases', () => {
  const test = {
    name: 'Comines',
    nis: '57097',
    measure: 'conditional_release',
    expect: { policeZoneId: 'PZ-5318', monitoringCentreId: null, live: true },
  };

  it('lists each field that differs, and can leave live aside', () => {
    expect(
      mismatches(test, { policeZoneId: 'PZ-5318', monitoringCentreId: null, live: true }, false),
    ).toEqual([]);
    expect(mismatches(test, { policeZoneId: 'PZ-5317', live: false }, false)).toEqual([
      'policeZoneId: expected "PZ-5318", got "PZ-5317"',
      'live: expected true, got false',
    ]);
    expect(mismatches(test, { policeZoneId: 'PZ-5318', live: false }, true)).toEqual([]);
  });

  it('refuses malformed cases naming each problem', () => {
    expect(() =>
      parseRoutingTests([{ name: '', nis: '5709', measure: 'x', expect: { zone: 'PZ' } }]),
    ).toThrow(
      expect.objectContaining({
        errors: [
          expect.objectContaining({ field: '[0].name' }),
          expect.objectContaining({ field: '[0].nis' }),
          expect.objectContaining({ field: '[0].expect.zone' }),
        ],
      }),
    );
    expect(parseRoutingTests([test])).toEqual([test]);
  });
});
