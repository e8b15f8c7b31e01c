import { feelEquals } from '../compare';
import { feelFunction, type FunctionTable } from './define';

function contains(list: unknown[], value: unknown): boolean {
  return list.some((item) => feelEquals(item, value) === true);
}

/** Camunda's list extensions feelin lacks: `is empty`, `partition`, `duplicate values`. */
export const listFunctions: FunctionTable = {
  'is empty': feelFunction(['list'], (list: unknown) => (Array.isArray(list) ? list.length === 0 : null)),
  partition: feelFunction(['list', 'size'], (list: unknown, size: unknown) => {
    if (!Array.isArray(list) || typeof size !== 'number' || !Number.isInteger(size) || size < 1) return null;
    const parts: unknown[][] = [];
    for (let i = 0; i < list.length; i += size) parts.push(list.slice(i, i + size));
    return parts;
  }),
  'duplicate values': feelFunction(['list'], (list: unknown) => {
    if (!Array.isArray(list)) return null;
    const seen: unknown[] = [];
    const duplicates: unknown[] = [];
    for (const item of list) {
      if (contains(seen, item)) {
        if (!contains(duplicates, item)) duplicates.push(item);
      } else seen.push(item);
    }
    return duplicates;
  }),
};
