import { invalidArgument, notFound } from '../errors';
import { parseVariablesDocument, type Variables } from '../runtime/variables';

/** Parses an int64 key sent as text; unknown shapes are simply not found. */
export function parseKey(text: string | number | undefined, what: string): number {
  const n = typeof text === 'number' ? text : Number(text);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw notFound(`Expected to find ${what} with key '${text}', but none was found`);
  return n;
}

/** Parses a JSON variables document; anything but an object is refused as INVALID_ARGUMENT. */
export function parseVariables(text: string | undefined): Variables {
  const r = parseVariablesDocument(text);
  if (!r.ok) throw invalidArgument(r.message);
  return r.value;
}
