import { evaluateExpression } from './index';

/** Given a FEEL temporal result, when it becomes a variable, then it reads as Zeebe writes it (Java's toString). */
const cases: Array<[expression: string, zeebeText: string]> = [
  ['date("2020-01-01")', '2020-01-01'],
  ['time("10:00:00")', '10:00'],
  ['time("10:00:05")', '10:00:05'],
  ['time("10:00:00.5")', '10:00:00.500'],
  ['time("10:00:00.000001")', '10:00:00.000001'],
  ['time("10:00:00.123456789")', '10:00:00.123456789'],
  ['time("10:00:00+02:00")', '10:00+02:00'],
  ['time("10:00:00Z")', '10:00Z'],
  ['date and time("2020-01-01T10:00:00")', '2020-01-01T10:00'],
  ['date and time("2020-01-01T10:00:00Z")', '2020-01-01T10:00Z'],
  ['date and time("2020-01-01T10:00:30.25+01:00")', '2020-01-01T10:00:30.250+01:00'],
  ['date and time("2020-06-01T10:00:00@Europe/Brussels")', '2020-06-01T10:00+02:00[Europe/Brussels]'],
  ['date and time("2020-01-01T10:00:00@Europe/London")', '2020-01-01T10:00Z[Europe/London]'],
  ['duration("P1D")', 'PT24H'],
  ['duration("PT90M")', 'PT1H30M'],
  ['duration("PT0.5S")', 'PT0.5S'],
  ['duration("PT0S")', 'PT0S'],
  ['duration("P2DT3H4M5.006S")', 'PT51H4M5.006S'],
  ['duration("-PT90M")', '-PT1H30M'],
  ['duration("P14M")', 'P1Y2M'],
  ['duration("P0M")', 'P0D'],
  ['duration("-P1Y")', '-P1Y'],
];

describe.each(cases)('%s', (expression, zeebeText) => {
  it(`becomes "${zeebeText}"`, () => {
    expect(evaluateExpression(expression, {})).toEqual({ ok: true, value: zeebeText });
  });

  it('reads back to the same value', () => {
    const constructor = expression.slice(0, expression.indexOf('('));
    const roundTrip = `${constructor}(x) = ${expression}`;
    expect(evaluateExpression(roundTrip, { x: zeebeText })).toEqual({ ok: true, value: true });
  });
});

describe('temporal values inside lists and contexts', () => {
  it('become text wherever they are', () => {
    expect(evaluateExpression('{due: date("2020-01-01"), list: [duration("PT1H")]}', {})).toEqual({
      ok: true,
      value: { due: '2020-01-01', list: ['PT1H'] },
    });
  });
});
