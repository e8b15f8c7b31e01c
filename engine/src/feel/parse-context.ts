import { evaluate as feelinEvaluate } from 'feelin';
import { FUNCTION_NAMES } from './functions/function-library';

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

const BASE: Record<string, unknown> = Object.fromEntries(FUNCTION_NAMES.map((name) => [name, null]));

const builtinNames = new Map<string, boolean>();

/** True when `name`, read as a variable that does not exist, gives one of feelin's built-in functions. */
export function isFunctionName(name: string): boolean {
  if (Object.prototype.hasOwnProperty.call(BASE, name)) return true;
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
