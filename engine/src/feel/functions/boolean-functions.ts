import { feelFunction, FeelEvaluationFailure, type FunctionTable } from './define';

/** Camunda's boolean extensions: `is defined`, `get or else`, `assert`. */
export const booleanFunctions: FunctionTable = {
  // Since Camunda 8.3 a missing variable is null, so "defined" means "not null".
  'is defined': feelFunction(['value'], (value: unknown) => value !== null && value !== undefined),
  'get or else': feelFunction(['value', 'default'], (value: unknown, fallback: unknown) =>
    value === null || value === undefined ? (fallback ?? null) : value,
  ),
  assert: feelFunction(
    ['value', 'condition', 'cause'],
    (value: unknown, condition: unknown, cause: unknown) => {
      if (condition === true) return value;
      throw new FeelEvaluationFailure(
        `Assertion failure: ${typeof cause === 'string' ? cause : 'the condition is not fulfilled'}`,
      );
    },
  ),
};
