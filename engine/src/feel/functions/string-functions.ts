import { randomUUID } from 'node:crypto';
import { feelFunction, type FunctionTable } from './define';

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** A regular expression from a FEEL pattern, or undefined when the pattern is not valid. */
function regExp(pattern: string, flags: string): RegExp | undefined {
  try {
    return new RegExp(pattern, flags);
  } catch {
    return undefined;
  }
}

/** Camunda's string extensions feelin lacks, and `string join` with prefix and suffix. */
export const stringFunctions: FunctionTable = {
  trim: feelFunction(['string'], (s: unknown) => (isString(s) ? s.trim() : null)),
  'is blank': feelFunction(['string'], (s: unknown) => (isString(s) ? s.trim() === '' : null)),
  extract: feelFunction(['string', 'pattern'], (s: unknown, pattern: unknown) => {
    if (!isString(s) || !isString(pattern)) return null;
    const re = regExp(pattern, 'gu');
    return re ? Array.from(s.matchAll(re), (m) => m[0]) : null;
  }),
  uuid: feelFunction([], () => randomUUID()),
  'to base64': feelFunction(['value'], (s: unknown) =>
    isString(s) ? Buffer.from(s, 'utf8').toString('base64') : null,
  ),
  'string join': feelFunction(
    ['list', 'delimiter', 'prefix', 'suffix'],
    (list: unknown, delimiter: unknown, prefix: unknown, suffix: unknown) => {
      if (!Array.isArray(list)) return null;
      for (const part of [delimiter, prefix, suffix]) if (part != null && !isString(part)) return null;
      if (!list.every((item) => item === null || isString(item))) return null;
      const joined = list.filter(isString).join((delimiter as string | undefined) ?? '');
      return `${prefix ?? ''}${joined}${suffix ?? ''}`;
    },
  ),
};
