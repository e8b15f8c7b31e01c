import { date, FeelDate, FeelDateTime, toFeel } from 'feelin';
import { feelFunction, type FunctionTable } from './define';

/** Reads the current time; the engine passes its own clock so that tests control time. */
export type Now = () => Date;

/** `now()` and `today()` on the given clock, in UTC (Zeebe uses the broker's zone; ours is UTC). */
export function clockFunctions(now: Now): FunctionTable {
  return {
    now: feelFunction([], () => toFeel(new Date(now().getTime()))),
    today: feelFunction([], () => date(new Date(now().getTime()).toISOString().slice(0, 10))),
  };
}

/** Camunda's `last day of month(date)`: the number of the month's last day. */
export const temporalFunctions: FunctionTable = {
  'last day of month': feelFunction(['date'], (value: unknown) => {
    if (value instanceof FeelDate || value instanceof FeelDateTime) {
      return (value.value as unknown as { daysInMonth: number }).daysInMonth;
    }
    return null;
  }),
};
