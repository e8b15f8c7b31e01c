import { compileUnaryTests, type StaticShape } from './index';

function evaluate(tests: string, input: unknown, context: Record<string, unknown> = {}) {
  const compiled = compileUnaryTests(tests);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.tests.evaluate(input, context);
}

function shape(tests: string): StaticShape {
  const compiled = compileUnaryTests(tests);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.tests.shape;
}

describe('unary tests', () => {
  const cases: Array<[tests: string, input: unknown, context: Record<string, unknown>, expected: unknown]> = [
    ['-', null, {}, true],
    ['-', 'anything', {}, true],
    ['"a", "b"', 'b', {}, true],
    ['"a", "b"', 'c', {}, false],
    ['"a", "b"', null, {}, false],
    ['null', null, {}, true],
    ['true', true, {}, true],
    ['true', 'true', {}, null],
    ['not("a")', null, {}, true],
    ['not("a", "b")', 'a', {}, false],
    ['not(< 10)', 'a', {}, null],
    ['> x', 7, { x: 5 }, true],
    ['[x..y]', 7, { x: 5, y: 10 }, true],
    ['[x..y]', 7, { x: 5 }, null],
    ['> x.limit', 7, { x: { limit: 10 } }, false],
    ['? > 5', 7, {}, true],
    // tests using ? go through feelin, which counts an incomparable input as no match
    ['? > 5', '7', {}, false],
    ['starts with(?, "21")', '21004', {}, true],
    ['allowed', 'b', { allowed: ['a', 'b'] }, true],
    ['allowed', 'c', { allowed: ['a', 'b'] }, false],
    ['flag', 'anything', { flag: true }, true],
    ['flag', false, { flag: true }, false],
    ['date("2020-01-01")', '2020-01-01', {}, null],
    ['< date("2020-01-01")', null, {}, null],
    ['[date("2020-01-01")..date("2020-12-31")]', null, {}, null],
    ['[5..1]', 3, {}, false],
    ['-5', -5, {}, true],
    ['>= -5', -6, {}, false],
  ];
  it.each(cases)('%s for %j with %j is %j', (tests, input, context, expected) => {
    expect(evaluate(tests, input, context)).toEqual({ ok: true, value: expected });
  });

  it('compares temporal inputs with temporal tests', () => {
    const compiled = compileUnaryTests('[date("2020-01-01")..date("2020-12-31")]');
    if (!compiled.ok) throw new Error(compiled.message);
    const { evaluate: evaluateDate } = (() => {
      // an input expression such as date(birthday) gives a FEEL date, not text
      const { date } = jest.requireActual('feelin') as typeof import('feelin');
      return { evaluate: (iso: string) => compiled.tests.evaluate(date(iso), {}) };
    })();
    expect(evaluateDate('2020-06-01')).toEqual({ ok: true, value: true });
    expect(evaluateDate('2021-06-01')).toEqual({ ok: true, value: false });
  });

  it('reports a failing expression in a test', () => {
    const r = evaluate('> shout(1)', 3);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toBe(
      "failed to evaluate unary tests '> shout(1)': failed to evaluate expression 'shout(1)': no function found with name 'shout'",
    );
  });

  it('rejects empty and unparsable tests', () => {
    expect(compileUnaryTests('  ').ok).toBe(false);
    expect(compileUnaryTests('[1..').ok).toBe(false);
    expect(compileUnaryTests('> ').ok).toBe(false);
  });
});

describe('the static shape of unary tests', () => {
  it.each<[string, StaticShape]>([
    ['-', { kind: 'any' }],
    [
      '"a", 5, true, null',
      {
        kind: 'in',
        items: [
          { type: 'value', value: 'a' },
          { type: 'value', value: 5 },
          { type: 'value', value: true },
          { type: 'value', value: null },
        ],
      },
    ],
    [
      '[1..5)',
      {
        kind: 'in',
        items: [{ type: 'range', start: { value: 1, included: true }, end: { value: 5, included: false } }],
      },
    ],
    [
      '< 10, >= "m"',
      {
        kind: 'in',
        items: [
          { type: 'range', end: { value: 10, included: false } },
          { type: 'range', start: { value: 'm', included: true } },
        ],
      },
    ],
    ['= "x"', { kind: 'in', items: [{ type: 'value', value: 'x' }] }],
    ['not("a", "b")', { kind: 'not-in', values: ['a', 'b'] }],
    ['not([1..5])', { kind: 'opaque' }],
    ['> x', { kind: 'opaque' }],
    ['? > 1', { kind: 'opaque' }],
    ['!= 1', { kind: 'opaque' }],
  ])('%s is %j', (tests, expected) => {
    expect(shape(tests)).toEqual(expected);
  });
});
