import { evaluate as feelEvaluate, unaryTest as feelUnaryTest } from 'feelin';

/**
 * The engine's one door to FEEL. Everything that evaluates an expression (conditions, mappings,
 * timers, task definitions, DMN) goes through here, so Camunda's built-in functions and error
 * reporting are the same everywhere.
 */
export type FeelContext = Record<string, unknown>;

export type FeelResult = { ok: true; value: unknown } | { ok: false; message: string };

/** True for a `zeebe` attribute value that is an expression (`=a + 1`) rather than a static value. */
export function isExpression(text: string): boolean {
  return text.trimStart().startsWith('=');
}

/** Evaluates an expression (with or without its leading `=`) against `context`. Never throws. */
export function evaluateExpression(expression: string, context: FeelContext): FeelResult {
  const source = isExpression(expression) ? expression.trimStart().slice(1) : expression;
  try {
    const { value, warnings } = feelEvaluate(source, context) as {
      value: unknown;
      warnings: Array<{ type: string; message: string }>;
    };
    const fatal = warnings.find((w) => w.type === 'NO_FUNCTION_FOUND' || w.type === 'EVALUATION_ERROR');
    if (fatal) return { ok: false, message: `failed to evaluate expression '${source}': ${fatal.message}` };
    return { ok: true, value: value === undefined ? null : value };
  } catch (e) {
    return { ok: false, message: `failed to evaluate expression '${source}': ${(e as Error).message}` };
  }
}

/** Evaluates DMN unary tests (`[1..5]`, `"a","b"`, `not(3)`, `-`) for the input value. Never throws. */
export function evaluateUnaryTests(tests: string, inputValue: unknown, context: FeelContext): FeelResult {
  try {
    const value = feelUnaryTest(tests, { ...context, '?': inputValue }) as unknown;
    return {
      ok: true,
      value:
        typeof value === 'object' && value !== null && 'value' in value
          ? (value as { value: unknown }).value
          : value,
    };
  } catch (e) {
    return { ok: false, message: `failed to evaluate unary tests '${tests}': ${(e as Error).message}` };
  }
}
