import { UserError, type FieldProblem } from '../errors';

/** A saved test case of a province's routing table (bpmn/routing/<P>.tests.json). */
export interface RoutingTest {
  name: string;
  nis: string;
  measure: string;
  language?: string;
  electronicMonitoring?: boolean;
  expect: {
    policeZoneId?: string | null;
    justiceHouseId?: string | null;
    monitoringCentreId?: string | null;
    parquetId?: string | null;
    live?: boolean;
  };
}

const EXPECTABLE = [
  'policeZoneId',
  'justiceHouseId',
  'monitoringCentreId',
  'parquetId',
  'judicialArrondissement',
  'live',
] as const;

/** Checks a list of test cases as sent to `PUT /api/routing/tables/{p}/tests`; throws 400 naming each problem. */
export function parseRoutingTests(raw: unknown): RoutingTest[] {
  const problems: FieldProblem[] = [];
  if (!Array.isArray(raw))
    throw new UserError(400, 'validation_failed', 'Invalid tests', 'send an array of test cases');
  raw.forEach((t, i) => {
    const at = `[${i}]`;
    const o = (t ?? {}) as Record<string, unknown>;
    if (typeof o.name !== 'string' || !o.name)
      problems.push({ field: `${at}.name`, code: 'required', message: 'give each test a name' });
    if (typeof o.nis !== 'string' || !/^\d{5}$/.test(o.nis))
      problems.push({ field: `${at}.nis`, code: 'invalid_nis', message: 'nis is a 5-digit NIS code' });
    if (typeof o.measure !== 'string' || !o.measure)
      problems.push({ field: `${at}.measure`, code: 'required', message: 'measure is required' });
    if (!o.expect || typeof o.expect !== 'object' || Array.isArray(o.expect)) {
      problems.push({
        field: `${at}.expect`,
        code: 'required',
        message: `expect is an object with some of ${EXPECTABLE.join(', ')}`,
      });
    } else {
      for (const k of Object.keys(o.expect)) {
        if (!(EXPECTABLE as readonly string[]).includes(k)) {
          problems.push({
            field: `${at}.expect.${k}`,
            code: 'unknown_field',
            message: `expect may name ${EXPECTABLE.join(', ')}`,
          });
        }
      }
    }
  });
  if (problems.length > 0)
    throw new UserError(
      400,
      'validation_failed',
      'Invalid tests',
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    );
  return raw as RoutingTest[];
}

/** What one test case expected and what the table gave, for each field that differs. */
export function mismatches(
  test: RoutingTest,
  output: Record<string, unknown>,
  ignoreLive: boolean,
): string[] {
  const out: string[] = [];
  for (const [k, expected] of Object.entries(test.expect)) {
    if (ignoreLive && k === 'live') continue;
    const actual = output[k] ?? null;
    if ((expected ?? null) !== actual)
      out.push(`${k}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
  return out;
}
