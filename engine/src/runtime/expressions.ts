import { evaluateExpression, isExpression, type EvaluationOptions } from '../feel';
import type { Variables } from './variables';

export type Evaluated<T> = { ok: true; value: T } | { ok: false; message: string };

/** A `zeebe:*` attribute: an expression when it starts with `=`, otherwise the text itself. */
export function evaluateValue(
  text: string | undefined,
  context: Variables,
  options?: EvaluationOptions,
): Evaluated<unknown> {
  if (text === undefined || text.trim() === '') return { ok: true, value: null };
  if (!isExpression(text)) return { ok: true, value: text };
  return evaluateExpression(text, context, options);
}

/** Evaluates to a string (a task type, a message name, a process id). */
export function evaluateString(
  text: string,
  context: Variables,
  what: string,
  options?: EvaluationOptions,
): Evaluated<string> {
  const r = evaluateValue(text, context, options);
  if (!r.ok) return r;
  if (typeof r.value === 'string') return { ok: true, value: r.value };
  return { ok: false, message: `Expected ${what} '${text}' to be a string, but it was ${describe(r.value)}` };
}

/** Evaluates a correlation key: a string, or a number turned into a string, as Zeebe does. */
export function evaluateCorrelationKey(
  text: string,
  context: Variables,
  options?: EvaluationOptions,
): Evaluated<string> {
  const r = evaluateValue(text, context, options);
  if (!r.ok)
    return { ok: false, message: `Failed to extract the correlation key for '${text}': ${r.message}` };
  if (typeof r.value === 'string') return { ok: true, value: r.value };
  if (typeof r.value === 'number') return { ok: true, value: String(r.value) };
  return {
    ok: false,
    message: `Failed to extract the correlation key for '${text}': The value must be either a string or a number, but was ${describe(r.value)}.`,
  };
}

/** Evaluates to a whole number (job retries). */
export function evaluateInteger(
  text: string,
  context: Variables,
  what: string,
  options?: EvaluationOptions,
): Evaluated<number> {
  const r = evaluateValue(text, context, options);
  if (!r.ok) return r;
  const n = typeof r.value === 'string' ? Number(r.value) : r.value;
  if (typeof n === 'number' && Number.isInteger(n)) return { ok: true, value: n };
  return {
    ok: false,
    message: `Expected ${what} '${text}' to be a whole number, but it was ${describe(r.value)}`,
  };
}

/** Evaluates a condition: true, false, or a failure for anything else (as Zeebe raises an incident). */
export function evaluateCondition(
  text: string,
  context: Variables,
  options?: EvaluationOptions,
): Evaluated<boolean> {
  const r = evaluateExpression(text, context, options);
  if (!r.ok) return r;
  if (typeof r.value === 'boolean') return { ok: true, value: r.value };
  return {
    ok: false,
    message: `Expected the condition '${text.trim()}' to be true or false, but it was ${describe(r.value)}`,
  };
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `the string "${value}"`;
  if (Array.isArray(value)) return `a list`;
  if (typeof value === 'object') return 'a context';
  return `${typeof value} ${JSON.stringify(value)}`;
}
