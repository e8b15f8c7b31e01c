import { formatTemporal } from './temporal-format';

/**
 * Turns a FEEL result into a JSON value, as Zeebe does when a result becomes a variable: temporal
 * values become their ISO text (see temporal-format.ts), numbers that are not finite, functions and
 * ranges become null, lists and contexts are converted entry by entry.
 */
export function toVariableValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      break;
    default:
      return null;
  }
  if (Array.isArray(value)) return value.map(toVariableValue);
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value as Record<string, unknown>))
      result[key] = toVariableValue(entry);
    return result;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return formatTemporal(value) ?? null;
}
