import type { Routing, RoutingExpectation } from '../api/types';

export interface Mismatch {
  field: keyof RoutingExpectation;
  expected: unknown;
  actual: unknown;
}

const FIELDS: Array<keyof RoutingExpectation> = [
  'policeZoneId',
  'justiceHouseId',
  'monitoringCentreId',
  'live',
];

/**
 * How a routing differs from a saved test case's expectation. Only the fields the test names count;
 * `null` expects "no recipient of that kind".
 */
export function checkExpectation(expect: RoutingExpectation, routing: Routing): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const field of FIELDS) {
    if (!(field in expect) || expect[field] === undefined) continue;
    const actual = routing[field] ?? null;
    if (actual !== expect[field]) mismatches.push({ field, expected: expect[field], actual });
  }
  return mismatches;
}

/** The expectation a routing fulfils, to save the current answer as a new test case. */
export function expectationOf(routing: Routing): RoutingExpectation {
  return {
    policeZoneId: routing.policeZoneId,
    justiceHouseId: routing.justiceHouseId,
    monitoringCentreId: routing.monitoringCentreId,
    live: routing.live,
  };
}
