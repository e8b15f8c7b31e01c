import fc from 'fast-check';
import { compileExpression } from './index';

/**
 * The fast path must compute exactly what feelin (with our rewriting) computes. Given random
 * expressions of the shapes the fast path compiles and random JSON variables, when both evaluate,
 * then the results are the same.
 */
const names = ['a', 'b', 'c'];

const literal = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map(String),
  fc.constantFrom('1.5', '0', '"x"', '"y"', '""', 'true', 'false', 'null'),
);

const variable = fc.oneof(fc.constantFrom(...names), fc.constantFrom('a.b', 'b.c', 'c.a', 'missing'));

const { expression } = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    variable,
    fc
      .tuple(tie('expression'), fc.constantFrom('=', '!=', '<', '<=', '>', '>='), tie('expression'))
      .map(([l, op, r]) => `(${l}) ${op} (${r})`),
    fc
      .tuple(tie('expression'), fc.constantFrom('and', 'or'), tie('expression'))
      .map(([l, op, r]) => `(${l}) ${op} (${r})`),
    fc
      .tuple(tie('expression'), fc.constantFrom('+', '-', '*', '/'), tie('expression'))
      .map(([l, op, r]) => `(${l}) ${op} (${r})`),
    tie('expression').map((e) => `not(${e})`),
    tie('expression').map((e) => `-(${e})`),
    fc
      .tuple(tie('expression'), tie('expression'), tie('expression'))
      .map(([c, t, e]) => `if ${c} then ${t} else ${e}`),
    fc.array(tie('expression'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc.tuple(tie('expression'), tie('expression')).map(([x, y]) => `{p: ${x}, "q": ${y}}`),
  ),
}));

const json = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom('x', 'y', '', true, false, null, 1.5),
  fc.dictionary(
    fc.constantFrom('a', 'b', 'c'),
    fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('x', null)),
    {
      noNullPrototype: true,
    },
  ),
  fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant({ a: 1, b: 'x' })), { maxLength: 3 }),
);

const variables = fc.record({ a: json, b: json, c: json }, { requiredKeys: [], noNullPrototype: true });

describe('the fast path', () => {
  it('agrees with feelin on random expressions and variables', () => {
    fc.assert(
      fc.property(expression, variables, (source, vars) => {
        const fast = compileExpression(source);
        const slow = compileExpression(source, { fastPath: false });
        if (!fast.ok || !slow.ok) return;
        expect({ source, vars, result: fast.expression.evaluate(vars) }).toEqual({
          source,
          vars,
          result: slow.expression.evaluate(vars),
        });
      }),
      { numRuns: 400 },
    );
  });

  it('compiles most of these shapes', () => {
    const sample = fc.sample(expression, { numRuns: 200, seed: 42 });
    const fast = sample.filter((source) => {
      const r = compileExpression(source);
      return r.ok && r.expression.fast;
    });
    expect(fast.length / sample.length).toBeGreaterThan(0.9);
  });
});
