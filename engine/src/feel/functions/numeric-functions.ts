import { evaluate as feelinEvaluate } from 'feelin';
import { feelFunction, type FunctionTable } from './define';

type Rounding = (n: unknown, scale: unknown) => unknown;

/** One of feelin's own built-in functions, to call from a function that extends it. */
function builtin(name: string): Rounding {
  const fn = (feelinEvaluate(name, {}) as { value: unknown }).value;
  if (typeof fn !== 'function') throw new Error(`feelin has no built-in function '${name}'`);
  return fn as Rounding;
}

const rounding: Record<string, Rounding> = {
  UP: builtin('round up'),
  DOWN: builtin('round down'),
  CEILING: builtin('ceiling'),
  FLOOR: builtin('floor'),
  HALF_UP: builtin('round half up'),
  HALF_DOWN: builtin('round half down'),
  HALF_EVEN: builtin('decimal'),
};

/** Rounds with the scale optional (0 by default), as Camunda's `round up(n)` and friends allow. */
function withOptionalScale(round: Rounding) {
  return feelFunction(['n', 'scale'], (n: unknown, scale: unknown) => round(n, scale ?? 0) ?? null);
}

/**
 * Camunda's `random number()`, the one-argument forms of the rounding functions (feelin needs the
 * scale) and `decimal(n, scale, mode)` with a rounding mode (`"half_up"`, ...).
 */
export const numericFunctions: FunctionTable = {
  'random number': feelFunction([], () => Math.random()),
  'round up': withOptionalScale(rounding.UP),
  'round down': withOptionalScale(rounding.DOWN),
  'round half up': withOptionalScale(rounding.HALF_UP),
  'round half down': withOptionalScale(rounding.HALF_DOWN),
  decimal: feelFunction(['n', 'scale', 'mode'], (n: unknown, scale: unknown, mode: unknown) => {
    if (mode == null) return rounding.HALF_EVEN(n, scale) ?? null;
    if (typeof mode !== 'string' || typeof n !== 'number' || typeof scale !== 'number') return null;
    const name = mode.toUpperCase();
    if (name === 'UNNECESSARY') return rounding.DOWN(n, scale) === n ? n : null;
    return rounding[name] ? (rounding[name](n, scale) ?? null) : null;
  }),
};
