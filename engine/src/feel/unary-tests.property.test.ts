import fc from 'fast-check';
import { unaryTest as feelinUnaryTest } from 'feelin';
import { compileUnaryTests } from './index';

function matches(tests: string, input: unknown): unknown {
  const compiled = compileUnaryTests(tests);
  if (!compiled.ok) throw new Error(compiled.message);
  const r = compiled.tests.evaluate(input, {});
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

// FEEL has no exponent notation: decimals with a few digits, as models write them
const number = fc.oneof(
  fc.integer({ min: -100, max: 100 }),
  fc.integer({ min: -100000, max: 100000 }).map((n) => n / 1000),
);
const word = fc.stringMatching(/^[a-z]{0,4}$/);
const open = fc.constantFrom('[', '(', ']');
const close = fc.constantFrom(']', ')', '[');

function literal(value: number | string): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

describe('unary tests agree with plain comparisons', () => {
  it('a range holds exactly when both bounds hold', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.tuple(number, number, number), fc.tuple(word, word, word)),
        open,
        close,
        ([low, high, x], o, c) => {
          const tests = `${o}${literal(low)}..${literal(high)}${c}`;
          const aboveLow = o === '[' ? x >= low : x > low;
          const belowHigh = c === ']' ? x <= high : x < high;
          expect(matches(tests, x)).toBe(aboveLow && belowHigh);
        },
      ),
    );
  });

  it('a comparison holds exactly when the JavaScript comparison does', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.tuple(number, number), fc.tuple(word, word)),
        fc.constantFrom('<', '<=', '>', '>=', '=', '!='),
        ([bound, x], op) => {
          const expected = {
            '<': x < bound,
            '<=': x <= bound,
            '>': x > bound,
            '>=': x >= bound,
            '=': x === bound,
            '!=': x !== bound,
          }[op];
          expect(matches(`${op} ${literal(bound)}`, x)).toBe(expected);
        },
      ),
    );
  });

  it('a list of values holds exactly when the input is one of them, and not(...) is its negation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(word, fc.integer({ min: -5, max: 5 })), { minLength: 1, maxLength: 5 }),
        fc.oneof(word, fc.integer({ min: -5, max: 5 })),
        (values, x) => {
          const list = values.map(literal).join(', ');
          const member = values.includes(x);
          expect(matches(list, x) === true).toBe(member);
          expect(matches(`not(${list})`, x) === true).toBe(
            !member && values.every((v) => typeof v === typeof x),
          );
        },
      ),
    );
  });

  it('never matches a value of another type', () => {
    fc.assert(
      fc.property(number, word, (n, s) => {
        expect(matches(`< ${literal(n)}`, s)).toBeNull();
        expect(matches(`[${literal(n)}..${literal(n + 1)}]`, s)).toBeNull();
        expect(matches(literal(s), n) === true).toBe(false);
      }),
    );
  });

  it('agrees with feelin wherever feelin compares values of the same type', () => {
    const test = fc.oneof(
      // feelin reads a descending range [5..1] as ascending; FEEL (and this engine) as empty
      fc
        .tuple(open, number, number, close)
        .map(([o, a, b, c]) => `${o}${literal(Math.min(a, b))}..${literal(Math.max(a, b))}${c}`),
      fc.tuple(fc.constantFrom('<', '<=', '>', '>='), number).map(([op, n]) => `${op} ${literal(n)}`),
      fc.array(number, { minLength: 1, maxLength: 3 }).map((ns) => ns.map(literal).join(', ')),
    );
    fc.assert(
      fc.property(test, fc.boolean(), number, (tests, negated, x) => {
        const text = negated ? `not(${tests})` : tests;
        expect(matches(text, x)).toBe(feelinUnaryTest(text, { '?': x }).value);
      }),
    );
  });
});
