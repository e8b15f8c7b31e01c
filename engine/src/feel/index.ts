/**
 * The engine's one door to FEEL. Everything that evaluates an expression (conditions, mappings,
 * timers, task definitions, DMN) goes through here, so Camunda's built-in functions, the clock and
 * error reporting are the same everywhere. See README.md.
 */
import { BoundedCache } from './bounded-cache';
import {
  compileExpression,
  type CompileResult,
  type EvaluationOptions,
  type FeelContext,
  type FeelResult,
} from './compiled-expression';
import { compileUnaryTests, type CompileUnaryTestsResult } from './unary-tests';

export { compileExpression, expressionText } from './compiled-expression';
export type {
  CompiledExpression,
  CompileOptions,
  CompileResult,
  EvaluationOptions,
  FeelContext,
  FeelResult,
} from './compiled-expression';
export { compileUnaryTests } from './unary-tests';
export type {
  Bound,
  CompiledUnaryTests,
  CompileUnaryTestsResult,
  StaticItem,
  StaticShape,
  StaticValue,
} from './unary-tests';
export { compareValues, feelEquals } from './compare';
export { toVariableValue } from './variable-value';

const expressions = new BoundedCache<CompileResult>(4096);
const unaryTests = new BoundedCache<CompileUnaryTestsResult>(4096);

/** True for a `zeebe` attribute value that is an expression (`=a + 1`) rather than a static value. */
export function isExpression(text: string): boolean {
  return text.trimStart().startsWith('=');
}

/**
 * Evaluates an expression (with or without its leading `=`) against `context`; the value is JSON
 * (dates and durations as Zeebe's text). The expression is parsed once and cached by its text, so
 * calling this for the same condition again costs only the evaluation. Never throws.
 */
export function evaluateExpression(
  expression: string,
  context: FeelContext,
  options?: EvaluationOptions,
): FeelResult {
  const compiled = expressions.get(expression, (text) => compileExpression(text));
  return compiled.ok ? compiled.expression.evaluate(context, options) : compiled;
}

/** Evaluates DMN unary tests (`[1..5]`, `"a","b"`, `not(3)`, `-`) for the input value. Never throws. */
export function evaluateUnaryTests(
  tests: string,
  inputValue: unknown,
  context: FeelContext,
  options?: EvaluationOptions,
): FeelResult {
  const compiled = unaryTests.get(tests, (text) => compileUnaryTests(text));
  return compiled.ok ? compiled.tests.evaluate(inputValue, context, options) : compiled;
}
