import fc from 'fast-check';
import { evaluateExpression } from '../../../engine/src/feel';

/**
 * Issue 8: conditions as a BPMN gateway or a DMN rule writes them — comparisons joined by and / or /
 * not — evaluated through the engine's FEEL facade, against a reference evaluation written here in
 * plain JavaScript from the FEEL rules: comparing with null gives null (except = and !=, where null
 * equals only null), `and` / `or` / `not` are three-valued, and a missing variable is null.
 * (engine/src/feel/fast-path.property.test.ts compares the fast path with feelin; this compares
 * both with the specification.)
 */
type V = number | string | boolean | null;
type Ctx = Record<string, V | undefined>;
interface Expr {
  text: string;
  eval(ctx: Ctx): boolean | null;
}

const NUMS = ['n1', 'n2'];
const STRS = ['s1', 's2'];
const BOOLS = ['b1', 'b2'];
const val = (ctx: Ctx, name: string): V => ctx[name] ?? null;

const numberOperand = fc.oneof(
  fc.constantFrom(...NUMS).map((n) => ({ text: n, get: (c: Ctx) => val(c, n) })),
  fc.integer({ min: -3, max: 3 }).map((k) => ({ text: String(k), get: () => k as V })),
  fc.constant({ text: 'null', get: () => null as V }),
);
const stringOperand = fc.oneof(
  fc.constantFrom(...STRS).map((n) => ({ text: n, get: (c: Ctx) => val(c, n) })),
  fc.constantFrom('a', 'b', 'ab').map((k) => ({ text: `"${k}"`, get: () => k as V })),
);

function compare(op: string, l: V, r: V): boolean | null {
  if (op === '=' || op === '!=') {
    if (l === null || r === null) return op === '=' ? l === r : l !== r;
    return op === '=' ? l === r : l !== r;
  }
  if (l === null || r === null) return null;
  switch (op) {
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    default:
      return l >= r;
  }
}

const comparison = (operand: typeof numberOperand, ops: string[]) =>
  fc.tuple(operand, fc.constantFrom(...ops), operand).map(
    ([l, op, r]): Expr => ({
      text: `${l.text} ${op} ${r.text}`,
      eval: (c) => compare(op, l.get(c), r.get(c)),
    }),
  );

const atom: fc.Arbitrary<Expr> = fc.oneof(
  comparison(numberOperand, ['=', '!=', '<', '<=', '>', '>=']),
  comparison(stringOperand, ['=', '!=', '<', '>']),
  fc.constantFrom(...BOOLS).map(
    (b): Expr => ({
      text: b,
      eval: (c) => {
        const v = val(c, b);
        return typeof v === 'boolean' ? v : null;
      },
    }),
  ),
  fc.constantFrom(true, false).map((b): Expr => ({ text: String(b), eval: () => b })),
);

const { condition } = fc.letrec<{ condition: Expr }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('condition'), tie('condition')).map(
      ([l, r]): Expr => ({
        text: `(${l.text}) and (${r.text})`,
        eval: (c) => {
          const a = l.eval(c);
          const b = r.eval(c);
          if (a === false || b === false) return false;
          return a === true && b === true ? true : null;
        },
      }),
    ),
    fc.tuple(tie('condition'), tie('condition')).map(
      ([l, r]): Expr => ({
        text: `(${l.text}) or (${r.text})`,
        eval: (c) => {
          const a = l.eval(c);
          const b = r.eval(c);
          if (a === true || b === true) return true;
          return a === false && b === false ? false : null;
        },
      }),
    ),
    tie('condition').map(
      (e): Expr => ({
        text: `not(${e.text})`,
        eval: (c) => {
          const v = e.eval(c);
          return v === null ? null : !v;
        },
      }),
    ),
  ),
}));

/** A context: each variable present with a value of its type, null, or absent. */
const context: fc.Arbitrary<Ctx> = fc.record(
  {
    n1: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(null)),
    n2: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(1.5), fc.constant(null)),
    s1: fc.oneof(fc.constantFrom('a', 'b', 'ab', ''), fc.constant(null)),
    s2: fc.oneof(fc.constantFrom('a', 'b'), fc.constant(null)),
    b1: fc.oneof(fc.boolean(), fc.constant(null)),
    b2: fc.oneof(fc.boolean(), fc.constant(null)),
  },
  { requiredKeys: [], noNullPrototype: true },
);

describe('property: FEEL conditions through the engine facade', () => {
  it('agree with the reference evaluation, null included', () => {
    fc.assert(
      fc.property(condition, context, (expr, ctx) => {
        const result = evaluateExpression(`=${expr.text}`, ctx as Record<string, unknown>);
        expect({ expr: expr.text, ctx, result }).toEqual({
          expr: expr.text,
          ctx,
          result: { ok: true, value: expr.eval(ctx) },
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('never throw on a hostile condition text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), context, (text, ctx) => {
        const result = evaluateExpression(text, ctx as Record<string, unknown>);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
