import { evaluateExpression } from '../index';

const clock = { now: () => new Date('2026-03-14T09:26:53.589Z') };

/** Given an expression using a function we add to feelin, when it is evaluated, then it gives Camunda's result. */
const cases: Array<
  [function: string, expression: string, variables: Record<string, unknown>, expected: unknown]
> = [
  ['is defined', 'is defined(x)', { x: 1 }, true],
  ['is defined', 'is defined(x)', {}, false],
  ['is defined', 'is defined(x.y)', { x: { z: 1 } }, false],
  ['is defined', 'is defined(null)', {}, false],
  ['get or else', 'get or else(x, "default")', { x: 'this' }, 'this'],
  ['get or else', 'get or else(x, "default")', {}, 'default'],
  ['get or else', 'get or else(null, null)', {}, null],
  ['assert', 'assert(x, x >= 0)', { x: 4 }, 4],
  ['trim', 'trim("  hello world  ")', {}, 'hello world'],
  ['trim', 'trim(1)', {}, null],
  ['is blank', 'is blank("")', {}, true],
  ['is blank', 'is blank("  ")', {}, true],
  ['is blank', 'is blank("hello")', {}, false],
  ['extract', 'extract("references are 1234, 1256, 1378", "12[0-9]*")', {}, ['1234', '1256']],
  ['extract', 'extract("abc", "[0-9]+")', {}, []],
  ['to base64', 'to base64("FEEL")', {}, 'RkVFTA=='],
  ['string join', 'string join(["a","b","c"], ", ", "[", "]")', {}, '[a, b, c]'],
  ['string join', 'string join(["a",null,"c"])', {}, 'ac'],
  ['string join', 'string join(["a", 1])', {}, null],
  ['string join', 'string join([])', {}, ''],
  ['is empty', 'is empty([])', {}, true],
  ['is empty', 'is empty([1])', {}, false],
  ['partition', 'partition([1,2,3,4,5], 2)', {}, [[1, 2], [3, 4], [5]]],
  ['partition', 'partition([], 2)', {}, []],
  ['partition', 'partition([1], 0)', {}, null],
  ['duplicate values', 'duplicate values([1,2,3,2,1])', {}, [2, 1]],
  ['duplicate values', 'duplicate values([1,2,3])', {}, []],
  ['get value', 'get value({a: {b: 1}}, ["a", "b"])', {}, 1],
  ['get value', 'get value({a: {b: 1}}, ["a", "c"])', {}, null],
  ['get value', 'get value({foo: 123}, "foo")', {}, 123],
  ['last day of month', 'last day of month(date("2024-02-10"))', {}, 29],
  ['last day of month', 'last day of month(date and time("2023-02-10T10:00:00"))', {}, 28],
  ['round up', 'round up(5.5)', {}, 6],
  ['round up', 'round up(-1.126, 2)', {}, -1.13],
  ['round down', 'round down(-5.5)', {}, -5],
  ['round half up', 'round half up(-5.5)', {}, -6],
  ['round half down', 'round half down(5.5)', {}, 5],
  ['decimal', 'decimal(2.5, 0, "half_up")', {}, 3],
  ['decimal', 'decimal(2.5, 0)', {}, 2],
  ['decimal', 'decimal(1.21, 1, "ceiling")', {}, 1.3],
  ['decimal', 'decimal(1.25, 1, "unnecessary")', {}, null],
  ['decimal', 'decimal(1.2, 1, "unnecessary")', {}, 1.2],
  ['decimal', 'decimal(1.2, 1, "sideways")', {}, null],
  ['random number', 'random number() >= 0 and random number() < 1', {}, true],
  [
    'uuid',
    'matches(uuid(), "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")',
    {},
    true,
  ],
  ['now', 'now()', {}, '2026-03-14T09:26:53.589Z'],
  ['now', 'now() > date and time("2026-03-14T09:00:00Z")', {}, true],
  ['today', 'today()', {}, '2026-03-14'],
  ['today', 'today() - date("2026-03-01")', {}, 'PT312H'],
  [
    'date and time',
    'date and time("2020-06-01T10:00+02:00[Europe/Brussels]")',
    {},
    '2020-06-01T10:00+02:00[Europe/Brussels]',
  ],
  [
    'date and time',
    'date and time(x) = date and time("2020-06-01T08:00:00Z")',
    { x: '2020-06-01T10:00+02:00[Europe/Brussels]' },
    true,
  ],
  ['date and time', 'date and time(date("2020-01-01"), time("10:00:00"))', {}, '2020-01-01T10:00'],
  ['date and time', 'date and time("not a date")', {}, null],
  ['duration * number', 'duration("PT1H") * 2', {}, 'PT2H'],
  ['duration * number', '3 * duration("P1M")', {}, 'P3M'],
  ['duration * number', 'duration("P1D") * 1.5', {}, 'PT36H'],
  ['duration / number', 'duration("PT1H") / 4', {}, 'PT15M'],
  ['duration / number', 'duration("PT1H") / 0', {}, null],
  ['duration / duration', 'duration("PT1H") / duration("PT30M")', {}, 2],
  ['duration / duration', 'duration("P1Y") / duration("P3M")', {}, 4],
  ['duration / duration', 'duration("P1Y") / duration("PT1H")', {}, null],
];

describe.each(cases)('%s: %s', (_fn, expression, variables, expected) => {
  it(`gives ${JSON.stringify(expected)}`, () => {
    expect(evaluateExpression(expression, variables, clock)).toEqual({ ok: true, value: expected });
  });
});

describe('assert', () => {
  it('fails the evaluation with the cause when the condition does not hold', () => {
    const r = evaluateExpression('assert(x, x >= 0, "x must be positive")', { x: -1 });
    expect(r).toEqual({
      ok: false,
      message: `failed to evaluate expression 'assert(x, x >= 0, "x must be positive")': Assertion failure: x must be positive`,
    });
  });

  it('fails with a generic cause when none is given', () => {
    const r = evaluateExpression('assert(x, x != null)', {});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('the condition is not fulfilled');
  });
});

describe('named arguments', () => {
  it('calls an added function with named parameters', () => {
    expect(evaluateExpression('get or else(value: null, default: 2)', {})).toEqual({ ok: true, value: 2 });
    expect(evaluateExpression('partition(list: [1, 2], size: 1)', {})).toEqual({
      ok: true,
      value: [[1], [2]],
    });
  });
});

describe('a variable with the name of a function', () => {
  it('hides the function, as feelin does with its own built-ins', () => {
    expect(evaluateExpression('trim', { trim: 'a variable' })).toEqual({ ok: true, value: 'a variable' });
  });
});
