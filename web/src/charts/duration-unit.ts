/** The unit a chart of durations is drawn in, picked from the data. */

export type DurationUnit = 'second' | 'minute' | 'hour' | 'day';

export const UNIT_MS: Record<DurationUnit, number> = {
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/**
 * The largest unit in which the largest value is at least 2 (so the axis reads 0, 20, 40, 60 min rather
 * than 0, 0.5, 1 h), seconds below two minutes. With no data (or only zeros): hours, the unit of
 * the acknowledgement deadline.
 */
export function durationUnit(maxMs: number): DurationUnit {
  if (!(maxMs > 0)) return 'hour';
  for (const unit of ['day', 'hour', 'minute'] as const) if (maxMs >= 2 * UNIT_MS[unit]) return unit;
  return 'second';
}

/** Values in milliseconds converted to `unit`. */
export function inUnit(values: number[], unit: DurationUnit): number[] {
  return values.map((ms) => ms / UNIT_MS[unit]);
}

/**
 * A value already in `unit` written with its short unit in the locale ("20 min", "1,5 h", "3 j"):
 * no decimal from 10 up, one from 1, two below 1 (so ticks 0.05 s apart stay apart).
 */
export function formatInUnit(value: number, unit: DurationUnit, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: Math.abs(value) >= 10 ? 0 : Math.abs(value) >= 1 ? 1 : 2,
  }).format(value);
}
