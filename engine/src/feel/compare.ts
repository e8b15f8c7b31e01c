import { evaluate as feelinEvaluate, FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';

/** -1, 0 or 1 as `a` sorts before, with or after `b`. */
export type Ordering = -1 | 0 | 1;

/**
 * Orders two FEEL values the way Zeebe's FEEL engine does: numbers with numbers, strings with
 * strings, and temporal values with values of the same temporal type. Anything else (a number
 * with a string, a boolean, null, a list) cannot be ordered and gives null, so `"150" > 100` is
 * null rather than JavaScript's coerced `true`.
 */
export function compareValues(a: unknown, b: unknown): Ordering | null {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return null;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (sameTemporalType(a, b)) return compareTemporal(a as Temporal, b as Temporal);
  return null;
}

/** `a < b` with FEEL's three-valued result. */
export function lessThan(a: unknown, b: unknown): boolean | null {
  const order = compareValues(a, b);
  return order === null ? null : order < 0;
}

/** `a <= b` with FEEL's three-valued result. */
export function lessOrEqual(a: unknown, b: unknown): boolean | null {
  const order = compareValues(a, b);
  return order === null ? null : order <= 0;
}

/** `a > b` with FEEL's three-valued result. */
export function greaterThan(a: unknown, b: unknown): boolean | null {
  const order = compareValues(a, b);
  return order === null ? null : order > 0;
}

/** `a >= b` with FEEL's three-valued result. */
export function greaterOrEqual(a: unknown, b: unknown): boolean | null {
  const order = compareValues(a, b);
  return order === null ? null : order >= 0;
}

/** True for the values FEEL compares with `=` directly: strings, numbers, booleans and null. */
export function isPrimitive(value: unknown): value is string | number | boolean | null {
  return (
    value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
  );
}

/**
 * FEEL `=`: null equals only null, values of different types are not comparable (null), lists and
 * contexts compare structurally and temporal values by instant (both delegated to feelin).
 */
export function feelEquals(a: unknown, b: unknown): boolean | null {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (isPrimitive(a) && isPrimitive(b)) {
    if (a === null || b === null) return a === b;
    if (typeof a !== typeof b) return null;
    return a === b;
  }
  const { value } = feelinEvaluate('a = b', { a, b }) as { value: unknown };
  return typeof value === 'boolean' ? value : null;
}

type Temporal = FeelDate | FeelTime | FeelDateTime | FeelDuration;

function sameTemporalType(a: unknown, b: unknown): boolean {
  return (
    (a instanceof FeelDate && b instanceof FeelDate) ||
    (a instanceof FeelTime && b instanceof FeelTime) ||
    (a instanceof FeelDateTime && b instanceof FeelDateTime) ||
    (a instanceof FeelDuration && b instanceof FeelDuration && a.yearsMonths === b.yearsMonths)
  );
}

function compareTemporal(a: Temporal, b: Temporal): Ordering | null {
  const { value } = feelinEvaluate('if a < b then -1 else if a > b then 1 else if a = b then 0 else null', {
    a,
    b,
  }) as { value: unknown };
  return value === -1 || value === 0 || value === 1 ? value : null;
}
