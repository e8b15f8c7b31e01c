import type { SyntaxNode } from '@lezer/common';
import { parseUnaryTests, unaryTest as feelinUnaryTest } from 'feelin';
import { compareValues, feelEquals, isPrimitive } from './compare';
import {
  compileExpression,
  describeFailure,
  FeelinProgram,
  isFatal,
  type CompileOptions,
  type EvaluationOptions,
  type FeelContext,
  type FeelResult,
} from './compiled-expression';
import { DIALECT, parseContext } from './parse-context';
import { firstSyntaxError, rewriteOperators } from './rewrite';

/** A value a unary test names literally. */
export type StaticValue = string | number | boolean | null;

/** One end of a literal range; `included` for `[`/`]`, `<=`, `>=`. */
export interface Bound {
  value: string | number;
  included: boolean;
}

/** A literal value, or a literal range (`[1..5]`, `< 10`; a missing bound is open). */
export type StaticItem =
  | { type: 'value'; value: StaticValue }
  | { type: 'range'; start?: Bound; end?: Bound };

/**
 * What a unary test accepts, when that is known without evaluating anything: everything (`-`), one
 * of a list of literal values and ranges, anything but some literal values (`not("a", "b")`), or
 * `opaque` (it depends on variables or functions). DMN uses it to find overlapping rules and to
 * index equality columns.
 */
export type StaticShape =
  | { kind: 'any' }
  | { kind: 'in'; items: StaticItem[] }
  | { kind: 'not-in'; values: StaticValue[] }
  | { kind: 'opaque' };

/** DMN unary tests (`"a","b"`, `[1..5]`, `< 10`, `not(...)`, `-`, `? > x`) parsed once. */
export interface CompiledUnaryTests {
  readonly source: string;
  readonly shape: StaticShape;
  /** true, false, or null (the input cannot be compared, which a decision table counts as no match). */
  evaluate(input: unknown, context: FeelContext, options?: EvaluationOptions): FeelResult;
}

export type CompileUnaryTestsResult =
  | { ok: true; tests: CompiledUnaryTests }
  | { ok: false; message: string };

/** Returned by a compiled test when it cannot decide on its own; feelin evaluates the whole text. */
const DEOPT = Symbol('deopt');

class TestFailure {
  constructor(readonly message: string) {}
}

type Outcome = boolean | null | typeof DEOPT | TestFailure;
type PositiveTest = (input: unknown, context: FeelContext, options: EvaluationOptions | undefined) => Outcome;

/**
 * Compiles DMN unary tests once. Literal values, literal ranges and comparisons are checked
 * directly, with FEEL's typing (a string never matches `< 10`); tests using `?` go through feelin.
 */
export function compileUnaryTests(text: string, options: CompileOptions = {}): CompileUnaryTestsResult {
  if (text.trim() === '')
    return { ok: false, message: `failed to parse unary tests '${text}': they are empty` };
  const tree = parseUnaryTests(text, parseContext(options.knownNames), DIALECT);
  const error = firstSyntaxError(text, tree);
  if (error) return { ok: false, message: `failed to parse unary tests '${text}': ${error}` };
  const program = new FeelinProgram(text, rewriteOperators(text, tree));
  const fallback = (input: unknown, context: FeelContext, opts: EvaluationOptions | undefined): FeelResult =>
    evaluateWithFeelin(program, input, context, opts);
  try {
    const compiled = compileTop(text, tree.topNode, options);
    return { ok: true, tests: new UnaryTests(text, compiled.shape, compiled.test, fallback) };
  } catch (e) {
    if (e instanceof TestFailure)
      return { ok: false, message: `failed to parse unary tests '${text}': ${e.message}` };
    throw e;
  }
}

class UnaryTests implements CompiledUnaryTests {
  constructor(
    readonly source: string,
    readonly shape: StaticShape,
    private readonly test: PositiveTest | undefined,
    private readonly fallback: (input: unknown, context: FeelContext, o?: EvaluationOptions) => FeelResult,
  ) {}

  evaluate(input: unknown, context: FeelContext, options?: EvaluationOptions): FeelResult {
    if (this.test) {
      const outcome = this.test(input === undefined ? null : input, context, options);
      if (outcome instanceof TestFailure) {
        return { ok: false, message: `failed to evaluate unary tests '${this.source}': ${outcome.message}` };
      }
      if (outcome !== DEOPT) return { ok: true, value: outcome };
    }
    return this.fallback(input, context, options);
  }
}

function evaluateWithFeelin(
  program: FeelinProgram,
  input: unknown,
  context: FeelContext,
  options: EvaluationOptions | undefined,
): FeelResult {
  const { source } = program;
  try {
    const scope = { ...program.scope(context, options), '?': input === undefined ? null : input };
    const { value, warnings } = feelinUnaryTest(program.text, scope, DIALECT) as {
      value: unknown;
      warnings: Array<{ type: string; message: string }>;
    };
    const fatal = warnings.find(isFatal);
    if (fatal) {
      return {
        ok: false,
        message: `failed to evaluate unary tests '${source}': ${describeFailure(fatal, warnings)}`,
      };
    }
    return { ok: true, value: typeof value === 'boolean' ? value : null };
  } catch (e) {
    return { ok: false, message: `failed to evaluate unary tests '${source}': ${(e as Error).message}` };
  }
}

function children(node: SyntaxNode): SyntaxNode[] {
  const result: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name !== 'LineComment' && child.name !== 'BlockComment') result.push(child);
  }
  return result;
}

interface Compiled {
  shape: StaticShape;
  test: PositiveTest | undefined;
}

function compileTop(text: string, top: SyntaxNode, options: CompileOptions): Compiled {
  const parts = children(top);
  if (parts.length === 1 && parts[0].name === 'Wildcard') return { shape: { kind: 'any' }, test: () => true };
  const negated = parts[0]?.name === 'not';
  const list = parts.find((p) => p.name === 'PositiveUnaryTests');
  if (!list) return { shape: { kind: 'opaque' }, test: undefined };
  const positives = children(list).map((p) => compilePositive(text, p, options));
  const any = positives.every((p) => p.test)
    ? anyOf(positives.map((p) => p.test as PositiveTest))
    : undefined;
  const items = positives.every((p) => p.item) ? positives.map((p) => p.item as StaticItem) : undefined;
  if (!negated) return { shape: items ? { kind: 'in', items } : { kind: 'opaque' }, test: any };
  const values = items?.every((i) => i.type === 'value')
    ? items.map((i) => (i as { value: StaticValue }).value)
    : [];
  return {
    shape: items && values.length === items.length ? { kind: 'not-in', values } : { kind: 'opaque' },
    test: any && negate(any),
  };
}

function anyOf(tests: PositiveTest[]): PositiveTest {
  if (tests.length === 1) return tests[0];
  return (input, context, options) => {
    let unknown = false;
    for (const test of tests) {
      const r = test(input, context, options);
      if (r === true || r === DEOPT || r instanceof TestFailure) return r;
      if (r === null) unknown = true;
    }
    return unknown ? null : false;
  };
}

function negate(test: PositiveTest): PositiveTest {
  return (input, context, options) => {
    const r = test(input, context, options);
    return typeof r === 'boolean' ? !r : r;
  };
}

interface CompiledPositive {
  item?: StaticItem;
  test?: PositiveTest;
}

function compilePositive(text: string, node: SyntaxNode, options: CompileOptions): CompiledPositive {
  const [inner] = children(node);
  if (!inner || containsInputReference(inner)) return {};
  if (inner.name === 'SimplePositiveUnaryTest') {
    const parts = children(inner);
    if (parts.length === 1 && parts[0].name === 'Interval') return interval(text, parts[0], options);
    if (parts.length === 2 && parts[0].name === 'CompareOp') {
      return comparison(text.slice(parts[0].from, parts[0].to), text, parts[1], options);
    }
    return {};
  }
  return expressionTest(text, inner, options);
}

function containsInputReference(node: SyntaxNode): boolean {
  if (node.name === '?') return true;
  for (let child = node.firstChild; child; child = child.nextSibling)
    if (containsInputReference(child)) return true;
  return false;
}

/** The value of a literal (`"a"`, `-5`, `true`, `null`), or undefined for anything else. */
function literal(text: string, node: SyntaxNode): { value: StaticValue } | undefined {
  const source = text.slice(node.from, node.to).trim();
  switch (node.name) {
    case 'StringLiteral':
      return source.includes('\\') ? undefined : { value: source.slice(1, -1) };
    case 'NumericLiteral':
      if (!/^-?\s*(\d+(\.\d*)?|\.\d+)$/.test(source)) return undefined;
      return { value: Number(source.replace(/\s+/g, '')) };
    case 'BooleanLiteral':
      return { value: source === 'true' };
    case 'null':
      return { value: null };
    default:
      return undefined;
  }
}

/** A value computed from an expression cell part: a literal constant, or a compiled expression. */
function operand(
  text: string,
  node: SyntaxNode,
  options: CompileOptions,
): { constant?: { value: StaticValue }; evaluate: (c: FeelContext, o?: EvaluationOptions) => unknown } {
  const constant = literal(text, node);
  if (constant) return { constant, evaluate: () => constant.value };
  const compiled = compileExpression(text.slice(node.from, node.to), options);
  if (!compiled.ok) throw new TestFailure(compiled.message);
  const expression = compiled.expression;
  return {
    evaluate: (context, opts) => {
      const r = expression.evaluateRaw(context, opts);
      return r.ok ? r.value : new TestFailure(r.message);
    },
  };
}

const ORDER: Record<string, (order: number) => boolean> = {
  '<': (o) => o < 0,
  '<=': (o) => o <= 0,
  '>': (o) => o > 0,
  '>=': (o) => o >= 0,
};

function comparison(op: string, text: string, node: SyntaxNode, options: CompileOptions): CompiledPositive {
  const { constant, evaluate } = operand(text, node, options);
  if (op === '=' || op === '!=') {
    const equal = op === '=';
    const item: StaticItem | undefined =
      equal && constant ? { type: 'value', value: constant.value } : undefined;
    return {
      item,
      test: (input, context, opts) => {
        const v = evaluate(context, opts);
        if (v instanceof TestFailure) return v;
        const r = feelEquals(input, v);
        return r === null ? null : equal ? r : !r;
      },
    };
  }
  const accept = ORDER[op];
  if (!accept) return {};
  let item: StaticItem | undefined;
  const bound = constant?.value;
  if (typeof bound === 'number' || typeof bound === 'string') {
    const b = { value: bound, included: op.endsWith('=') };
    item = op.startsWith('<') ? { type: 'range', end: b } : { type: 'range', start: b };
  }
  return {
    item,
    test: (input, context, opts) => {
      const v = evaluate(context, opts);
      if (v instanceof TestFailure) return v;
      const order = compareValues(input, v);
      return order === null ? null : accept(order);
    },
  };
}

function interval(text: string, node: SyntaxNode, options: CompileOptions): CompiledPositive {
  const parts = children(node);
  if (parts.length !== 5) return {};
  const startIncluded = parts[0].name === '[';
  const endIncluded = parts[4].name === ']';
  const start = operand(text, parts[1], options);
  const end = operand(text, parts[3], options);
  let item: StaticItem | undefined;
  const [s, e] = [start.constant?.value, end.constant?.value];
  if ((typeof s === 'number' && typeof e === 'number') || (typeof s === 'string' && typeof e === 'string')) {
    item = {
      type: 'range',
      start: { value: s, included: startIncluded },
      end: { value: e, included: endIncluded },
    };
  }
  return {
    item,
    test: (input, context, opts) => {
      const low = start.evaluate(context, opts);
      if (low instanceof TestFailure) return low;
      const high = end.evaluate(context, opts);
      if (high instanceof TestFailure) return high;
      const fromStart = compareValues(input, low);
      const fromEnd = compareValues(input, high);
      if (fromStart === null || fromEnd === null) return null;
      return (
        (fromStart > 0 || (fromStart === 0 && startIncluded)) &&
        (fromEnd < 0 || (fromEnd === 0 && endIncluded))
      );
    },
  };
}

function expressionTest(text: string, node: SyntaxNode, options: CompileOptions): CompiledPositive {
  const { constant, evaluate } = operand(text, node, options);
  if (constant) {
    const expected = constant.value;
    return {
      item: { type: 'value', value: expected },
      test: (input) => {
        if (isPrimitive(input)) {
          if (input === null || expected === null) return input === expected;
          return typeof input === typeof expected ? input === expected : null;
        }
        return feelEquals(input, expected);
      },
    };
  }
  return {
    test: (input, context, opts) => {
      const v = evaluate(context, opts);
      if (v instanceof TestFailure) return v;
      if (Array.isArray(v)) return v.some((item) => feelEquals(item, input) === true);
      if (typeof v === 'boolean') return typeof input === 'boolean' ? v === input : v;
      if (v !== null && typeof v === 'object' && !isPlainContext(v) && !hasIso(v)) return DEOPT;
      return feelEquals(input, v);
    },
  };
}

function isPlainContext(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** feelin's temporal values carry their ISO text; ranges and functions do not. */
function hasIso(value: object): boolean {
  return typeof (value as { iso?: unknown }).iso === 'string';
}
