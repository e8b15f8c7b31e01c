import { evaluate as feelinEvaluate } from 'feelin';
import { FUNCTION_NAMES } from './functions/function-library';

/**
 * feelin's dialect for Camunda's FEEL: adds backtick names (`` `routes-BE-WHT`.zone ``), which
 * Camunda 8 models use for names with spaces or operator characters.
 */
export const DIALECT = 'camunda';

/**
 * The names the FEEL parser must know before it reads an expression: feelin's parser only
 * recognises a name with spaces or operator characters (`get or else`, `routes-BE-WHT`) when it
 * is told about it. Our functions are always known; callers add names they know of, as DMN does
 * with the ids of required decisions.
 */
export function parseContext(knownNames: readonly string[] = []): Record<string, unknown> {
  if (knownNames.length === 0) return BASE;
  const context: Record<string, unknown> = { ...BASE };
  for (const name of knownNames) context[name] = null;
  return context;
}

// only names the parser could not read alone (with spaces); parsing cost grows with their number
const BASE: Record<string, unknown> = Object.fromEntries(
  FUNCTION_NAMES.filter((name) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)).map((name) => [name, null]),
);
const ALL_FUNCTIONS = new Set(FUNCTION_NAMES);

const builtinNames = new Map<string, boolean>();

/** True when `name`, read as a variable that does not exist, gives one of feelin's built-in functions. */
export function isFunctionName(name: string): boolean {
  if (ALL_FUNCTIONS.has(name)) return true;
  let known = builtinNames.get(name);
  if (known === undefined) {
    try {
      known = (feelinEvaluate(name, {}) as { value: unknown }).value != null;
    } catch {
      known = false;
    }
    builtinNames.set(name, known);
  }
  return known;
}
