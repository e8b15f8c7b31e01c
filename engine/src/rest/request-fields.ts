import { badRequest } from './problem';

/** Readers of request bodies: each refusal says which field is wrong and what it must be. */

export function object(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw badRequest(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

export function list(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest(`${what} must be a list`);
  return value;
}

export function text(value: unknown, what: string, allowEmpty = false): string {
  if (typeof value !== 'string' || (!allowEmpty && value.trim() === ''))
    throw badRequest(`${what} must be a non-empty string`);
  return value;
}

export function optionalText(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  return text(value, what, true);
}

export function key(k: string, label: string): string {
  if (!/^\d{1,16}$/.test(k))
    throw badRequest(`'${k}' is not a ${label} key; keys are strings of digits such as "2251799813685249"`);
  return k;
}

export function optionalKey(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return key(String(value), what);
}

/** A whole number (JSON number, or a string of digits as int64 fields may come). */
export function integer(value: unknown, what: string, fallback?: number): number {
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw badRequest(`${what} must be a whole number`);
  return n;
}

/** `variables`: a JSON object (absent = none), handed to the engine as JSON text. */
export function variablesJson(value: unknown, what = 'variables'): string {
  if (value === undefined || value === null) return '{}';
  return JSON.stringify(object(value, what));
}

export function optionalBoolean(value: unknown, what: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${what} must be true or false`);
  return value;
}
