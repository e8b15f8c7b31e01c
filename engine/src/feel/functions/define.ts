import { FeelFunction } from 'feelin';

/** A table of FEEL functions by the name a model calls them with. */
export type FunctionTable = Record<string, FeelFunction>;

/**
 * Declares a FEEL function with its parameter names, so it can be called with positional or named
 * arguments (`substring(string: "a", start position: 1)`), as the built-ins can.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function feelFunction(parameterNames: string[], fn: (...args: any[]) => unknown): FeelFunction {
  return new FeelFunction(fn, parameterNames);
}

/** A failure that stops the evaluation (FEEL's `assert`), rather than a null result. */
export class FeelEvaluationFailure extends Error {}
