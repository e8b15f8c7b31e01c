import { feelFunction, type FunctionTable } from './define';

function isContext(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function entry(context: unknown, key: unknown): unknown {
  if (!isContext(context) || typeof key !== 'string') return null;
  return Object.prototype.hasOwnProperty.call(context, key) ? (context[key] ?? null) : null;
}

/** `get value(context, key)` and Camunda's `get value(context, keys)` for a nested entry. */
export const contextFunctions: FunctionTable = {
  'get value': feelFunction(['context', 'key', 'keys'], (context: unknown, key: unknown, keys: unknown) => {
    const path = key ?? keys;
    if (!Array.isArray(path)) return entry(context, path);
    return path.length === 0 ? null : path.reduce(entry, context);
  }),
};
