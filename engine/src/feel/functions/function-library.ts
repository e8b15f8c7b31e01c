import { booleanFunctions } from './boolean-functions';
import { contextFunctions } from './context-functions';
import type { FunctionTable } from './define';
import { listFunctions } from './list-functions';
import { numericFunctions } from './numeric-functions';
import { operatorFunctions } from './operator-functions';
import { stringFunctions } from './string-functions';
import { clockFunctions, temporalFunctions, type Now } from './temporal-functions';

const withoutClock: FunctionTable = {
  ...booleanFunctions,
  ...contextFunctions,
  ...listFunctions,
  ...numericFunctions,
  ...stringFunctions,
  ...temporalFunctions,
  ...operatorFunctions,
};

const systemClock: Now = () => new Date();
const onSystemClock: FunctionTable = { ...withoutClock, ...clockFunctions(systemClock) };

/** Names of the functions added to feelin's; the parser must know them (they contain spaces). */
export const FUNCTION_NAMES: readonly string[] = Object.keys(onSystemClock);

/** The functions added to feelin's, with `now()` and `today()` reading `now` (the system clock by default). */
export function functionLibrary(now?: Now): FunctionTable {
  return now ? { ...withoutClock, ...clockFunctions(now) } : onSystemClock;
}

/**
 * The names of our functions a FEEL text may call. Handing feelin only those keeps each evaluation
 * cheap (feelin copies and indexes everything in its context). Errs on the side of including.
 */
export function functionsUsedBy(text: string): string[] {
  const normalized = text.replace(/\s+/g, ' ');
  return FUNCTION_NAMES.filter((name) => normalized.includes(name));
}

/** The functions `names` from the library on clock `now`. */
export function pickFunctions(names: readonly string[], now?: Now): FunctionTable {
  const library = functionLibrary(now);
  const picked: FunctionTable = {};
  for (const name of names) picked[name] = library[name];
  return picked;
}

export type { FunctionTable, Now };
