import type { FeelDuration } from 'feelin';

/**
 * The fields of the Temporal values inside feelin's temporal wrappers that this folder reads. feelin
 * keeps them as `temporal-polyfill` objects; these shapes are the part we rely on.
 */
export interface TimeFields {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  microsecond: number;
  nanosecond: number;
}

export interface DateTimeFields extends TimeFields {
  year: number;
  month: number;
  day: number;
  toZonedDateTime(zone: string): { offset: string };
}

export interface DurationFields {
  sign: number;
  years: number;
  months: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  milliseconds: number;
  microseconds: number;
  nanoseconds: number;
}

/** The fields of a FEEL duration. */
export function durationFields(d: FeelDuration): DurationFields {
  return d.value as unknown as DurationFields;
}
