import type { Routing } from '../api/types';
import { checkExpectation, expectationOf } from './test-run';

const routing: Routing = {
  nis: '57097',
  measure: 'conditional_release',
  province: 'BE-WHT',
  judicialArrondissement: 'Hainaut',
  parquetId: 'PAR-MONS-TOURNAI',
  policeZoneId: 'PZ-5318',
  justiceHouseId: 'MJ-TOURNAI',
  monitoringCentreId: null,
  live: true,
  recipients: [],
};

describe('checkExpectation', () => {
  it('passes when the named fields agree', () => {
    expect(checkExpectation({ policeZoneId: 'PZ-5318' }, routing)).toEqual([]);
    expect(checkExpectation(expectationOf(routing), routing)).toEqual([]);
  });

  it('lists each field that differs, null meaning no recipient', () => {
    expect(
      checkExpectation({ policeZoneId: 'PZ-5324', monitoringCentreId: null, live: false }, routing),
    ).toEqual([
      { field: 'policeZoneId', expected: 'PZ-5324', actual: 'PZ-5318' },
      { field: 'live', expected: false, actual: true },
    ]);
    expect(checkExpectation({ monitoringCentreId: 'EM-DSE-FWB' }, routing)).toEqual([
      { field: 'monitoringCentreId', expected: 'EM-DSE-FWB', actual: null },
    ]);
  });
});
