import { duration, FeelDuration } from 'feelin';
import { durationFields as fields } from '../temporal-fields';

/** Signed length of a years-and-months duration in months. */
export function totalMonths(d: FeelDuration): number {
  const f = fields(d);
  return f.sign * (Math.abs(f.years) * 12 + Math.abs(f.months));
}

/** Signed length of a days-and-time duration in seconds. */
export function totalSeconds(d: FeelDuration): number {
  const f = fields(d);
  const abs =
    Math.abs(f.days) * 86400 +
    Math.abs(f.hours) * 3600 +
    Math.abs(f.minutes) * 60 +
    Math.abs(f.seconds) +
    Math.abs(f.milliseconds) / 1e3 +
    Math.abs(f.microseconds) / 1e6 +
    Math.abs(f.nanoseconds) / 1e9;
  return f.sign * abs;
}

/** A duration of the same kind as `like`, `factor` times as long (months truncated, as Java does). */
export function scaleDuration(like: FeelDuration, factor: number): FeelDuration | null {
  if (!Number.isFinite(factor)) return null;
  if (like.yearsMonths) {
    const months = Math.trunc(totalMonths(like) * factor);
    return duration(`${months < 0 ? '-' : ''}P${Math.abs(months)}M`);
  }
  const seconds = Math.round(totalSeconds(like) * factor * 1e9) / 1e9;
  const text = Math.abs(seconds)
    .toFixed(9)
    .replace(/\.?0+$/, '');
  return duration(`${seconds < 0 ? '-' : ''}PT${text}S`);
}

/** How many times `b` fits in `a`, for two durations of the same kind; null otherwise. */
export function durationRatio(a: FeelDuration, b: FeelDuration): number | null {
  if (a.yearsMonths !== b.yearsMonths) return null;
  const divisor = a.yearsMonths ? totalMonths(b) : totalSeconds(b);
  if (divisor === 0) return null;
  return (a.yearsMonths ? totalMonths(a) : totalSeconds(a)) / divisor;
}
