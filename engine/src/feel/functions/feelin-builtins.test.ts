import { evaluateExpression } from '../index';

/**
 * The built-ins models commonly use that feelin already gets right, checked so that an upgrade of
 * feelin that changes one of them fails here rather than in a process.
 */
const cases: Array<[expression: string, expected: unknown]> = [
  ['upper case("aBc4")', 'ABC4'],
  ['lower case("aBc4")', 'abc4'],
  ['substring("foobar", 3)', 'obar'],
  ['substring("foobar", -3, 2)', 'ba'],
  ['string length("foo")', 3],
  ['contains("foobar", "of")', false],
  ['starts with("foobar", "fo")', true],
  ['ends with("foobar", "r")', true],
  ['matches("foobar", "^fo*bar")', true],
  ['replace("abcd", "(ab)|(a)", "[1=$1][2=$2]")', '[1=ab][2=]cd'],
  ['split("a;b;c;;", ";")', ['a', 'b', 'c', '', '']],
  ['substring before("foobar", "bar")', 'foo'],
  ['substring after("foobar", "ob")', 'ar'],
  ['string(1.5)', '1.5'],
  ['number("1.5")', 1.5],
  ['count([1,2,3])', 3],
  ['sum([1,2,3])', 6],
  ['min([1,2,3])', 1],
  ['max(1,2,3)', 3],
  ['product([2, 3, 4])', 24],
  ['mean([1,2,3])', 2],
  ['median([6, 1, 2, 3])', 2.5],
  ['append([1], 2, 3)', [1, 2, 3]],
  ['concatenate([1],[2],[3])', [1, 2, 3]],
  ['distinct values([1,2,3,2,1])', [1, 2, 3]],
  ['flatten([[1,2],[[3]], 4])', [1, 2, 3, 4]],
  ['index of([1,2,3,2],2)', [2, 4]],
  ['list contains([1,2,3], 2)', true],
  ['sort(list: [3,1,4,5,2], precedes: function(x,y) x < y)', [1, 2, 3, 4, 5]],
  ['union([1,2],[2,3])', [1, 2, 3]],
  ['sublist([1,2,3], 1, 2)', [1, 2]],
  ['remove([1,2,3], 2)', [1, 3]],
  ['insert before([1,3],1,2)', [2, 1, 3]],
  ['reverse([1,2,3])', [3, 2, 1]],
  ['all([true,false])', false],
  ['any([false,true])', true],
  ['get entries({foo: 123})', [{ key: 'foo', value: 123 }]],
  ['context put({x:1}, "y", 2)', { x: 1, y: 2 }],
  ['context put({a: {}}, ["a", "b"], 2)', { a: { b: 2 } }],
  ['context merge([{x:1}, {y:2}])', { x: 1, y: 2 }],
  ['date("2020-01-01") + duration("P1D")', '2020-01-02'],
  ['date and time("2020-01-01T10:00:00Z") - date and time("2020-01-01T08:00:00Z")', 'PT2H'],
  ['date and time("2020-01-31T10:00:00Z") + duration("P1M")', '2020-02-29T10:00Z'],
  ['date("2020-01-01") < date("2020-02-01")', true],
  ['duration("PT1H") > duration("PT30M")', true],
  ['years and months duration(date("2020-01-01"), date("2021-03-01"))', 'P1Y2M'],
  ['day of week(date("2019-09-17"))', 'Tuesday'],
  ['month of year(date("2019-09-17"))', 'September'],
  ['week of year(date("2019-09-17"))', 38],
  ['day of year(date("2019-09-17"))', 260],
  ['abs(duration("-PT5H"))', 'PT5H'],
  ['decimal(1/3, 2)', 0.33],
  ['floor(-1.5)', -2],
  ['ceiling(1.5)', 2],
  ['round half up(5.5)', 6],
  ['modulo(12, 5)', 2],
  ['not(null)', null],
];

describe.each(cases)('%s', (expression, expected) => {
  it(`gives ${JSON.stringify(expected)}`, () => {
    expect(evaluateExpression(expression, {})).toEqual({ ok: true, value: expected });
  });
});
