import { dateAndTime, evaluate as feelinEvaluate, FeelDuration } from 'feelin';
import { greaterOrEqual, greaterThan, lessOrEqual, lessThan } from '../compare';
import { feelFunction, type FunctionTable } from './define';
import { durationRatio, scaleDuration } from './duration-arithmetic';

/**
 * Internal functions that `rewrite.ts` puts in place of FEEL operators where feelin differs from
 * Zeebe: ordering comparisons of different types (null, not JavaScript coercion), duration times or
 * divided by a number, duration divided by duration, and `date and time()` of the text Zeebe writes
 * for a zoned date-time (`2020-06-01T10:00+02:00[Europe/Brussels]`). The names cannot collide with
 * a model's: they start with `__iplus_`.
 */
export const OPERATOR = {
  multiply: '__iplus_multiply',
  divide: '__iplus_divide',
  '<': '__iplus_lt',
  '<=': '__iplus_le',
  '>': '__iplus_gt',
  '>=': '__iplus_ge',
  dateAndTime: '__iplus_date_and_time',
} as const;

function multiply(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  if (a instanceof FeelDuration && typeof b === 'number') return scaleDuration(a, b);
  if (typeof a === 'number' && b instanceof FeelDuration) return scaleDuration(b, a);
  return null;
}

function divide(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return b === 0 ? null : a / b;
  if (a instanceof FeelDuration && typeof b === 'number') return b === 0 ? null : scaleDuration(a, 1 / b);
  if (a instanceof FeelDuration && b instanceof FeelDuration) return durationRatio(a, b);
  return null;
}

/** `2020-06-01T10:00+02:00[Europe/Brussels]` (Java's zoned text) read as FEEL's `...@Europe/Brussels`. */
const JAVA_ZONED = /^(\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?:Z|[+-]\d{2}:\d{2})\[([^\]]+)\]$/;

function dateAndTimeOf(from: unknown, time: unknown, date: unknown): unknown {
  if (typeof from === 'string' && time == null && date == null) {
    const zoned = JAVA_ZONED.exec(from);
    try {
      return dateAndTime(zoned ? `${zoned[1]}@${zoned[2]}` : from) ?? null;
    } catch {
      return null;
    }
  }
  const args = (date != null ? [date, time] : time != null ? [from, time] : [from]).map((a) => a ?? null);
  const source = `date and time(${args.map((_, i) => `a${i}`).join(', ')})`;
  const { value } = feelinEvaluate(source, Object.fromEntries(args.map((a, i) => [`a${i}`, a]))) as {
    value: unknown;
  };
  return value;
}

/** The internal functions, by the names `rewrite.ts` calls them with. */
export const operatorFunctions: FunctionTable = {
  [OPERATOR.multiply]: feelFunction(['a', 'b'], multiply),
  [OPERATOR.divide]: feelFunction(['a', 'b'], divide),
  [OPERATOR['<']]: feelFunction(['a', 'b'], lessThan),
  [OPERATOR['<=']]: feelFunction(['a', 'b'], lessOrEqual),
  [OPERATOR['>']]: feelFunction(['a', 'b'], greaterThan),
  [OPERATOR['>=']]: feelFunction(['a', 'b'], greaterOrEqual),
  [OPERATOR.dateAndTime]: feelFunction(['from', 'time', 'date'], dateAndTimeOf),
};
