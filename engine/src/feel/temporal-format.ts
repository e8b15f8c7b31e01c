import { FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';
import { durationFields, type DateTimeFields, type TimeFields } from './temporal-fields';

/**
 * Zeebe stores a FEEL temporal value that becomes a variable as the text of the Java value behind
 * it (`LocalDate`, `LocalTime`, `ZonedDateTime`, `Duration`, `Period`). These functions write the
 * same text, so a variable set by this engine reads exactly as one set by Zeebe and can be turned
 * back into a temporal value with `date()`, `date and time()`, `duration()`.
 *
 * One deliberate difference: a negative duration is written `-PT1H30M` (ISO 8601) where Java
 * writes `PT-1H-30M`, because FEEL's `duration()` only reads the former.
 */
export function formatTemporal(value: unknown): string | undefined {
  if (value instanceof FeelDate) return value.iso;
  if (value instanceof FeelTime) return formatLocalTime(value.value) + formatZone(value.zone, undefined);
  if (value instanceof FeelDateTime) return formatDateTime(value);
  if (value instanceof FeelDuration) return value.yearsMonths ? formatPeriod(value) : formatDuration(value);
  return undefined;
}

const OFFSET = /^[+-]\d{2}:\d{2}$/;

function pad(n: number, width: number): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** Java's `LocalTime.toString()`: seconds only when not zero, fraction in groups of three digits. */
function formatLocalTime(t: TimeFields): string {
  const nano = t.millisecond * 1_000_000 + t.microsecond * 1000 + t.nanosecond;
  let text = `${pad(t.hour, 2)}:${pad(t.minute, 2)}`;
  if (t.second > 0 || nano > 0) {
    text += `:${pad(t.second, 2)}`;
    if (nano > 0) {
      if (nano % 1_000_000 === 0) text += `.${pad(nano / 1_000_000, 3)}`;
      else if (nano % 1000 === 0) text += `.${pad(nano / 1000, 6)}`;
      else text += `.${pad(nano, 9)}`;
    }
  }
  return text;
}

/** `Z` for UTC, the offset itself, or for a named zone its offset at that moment (when known). */
function formatZone(zone: string | null, offsetAtMoment: string | undefined): string {
  if (zone === null) return '';
  if (zone === 'UTC' || zone === 'Z' || zone === '+00:00' || zone === '-00:00') return 'Z';
  if (OFFSET.test(zone)) return zone;
  if (offsetAtMoment === undefined) return `@${zone}`;
  return `${offsetAtMoment === '+00:00' ? 'Z' : offsetAtMoment}[${zone}]`;
}

function formatDateTime(value: FeelDateTime): string {
  const v = value.value as unknown as DateTimeFields;
  const year = v.year < 0 ? `-${pad(v.year, 6)}` : v.year > 9999 ? `+${v.year}` : pad(v.year, 4);
  const local = `${year}-${pad(v.month, 2)}-${pad(v.day, 2)}T${formatLocalTime(v)}`;
  const zone = value.zone;
  if (zone === null || zone === 'UTC' || OFFSET.test(zone)) return local + formatZone(zone, undefined);
  return local + formatZone(zone, v.toZonedDateTime(zone).offset);
}

/** Java's `Period.toString()` for a years-and-months duration: `P1Y2M`, `P0D` when zero. */
function formatPeriod(value: FeelDuration): string {
  const d = durationFields(value);
  const total = Math.abs(d.years) * 12 + Math.abs(d.months);
  if (total === 0) return 'P0D';
  const years = Math.floor(total / 12);
  const months = total % 12;
  return `${d.sign < 0 ? '-' : ''}P${years ? `${years}Y` : ''}${months ? `${months}M` : ''}`;
}

/** Java's `Duration.toString()` for a days-and-time duration: hours, minutes, seconds (`PT24H`). */
function formatDuration(value: FeelDuration): string {
  const d = durationFields(value);
  const nanos =
    BigInt(Math.abs(d.days)) * 86_400_000_000_000n +
    BigInt(Math.abs(d.hours)) * 3_600_000_000_000n +
    BigInt(Math.abs(d.minutes)) * 60_000_000_000n +
    BigInt(Math.abs(d.seconds)) * 1_000_000_000n +
    BigInt(Math.abs(d.milliseconds)) * 1_000_000n +
    BigInt(Math.abs(d.microseconds)) * 1000n +
    BigInt(Math.abs(d.nanoseconds));
  if (nanos === 0n) return 'PT0S';
  const hours = nanos / 3_600_000_000_000n;
  const minutes = (nanos / 60_000_000_000n) % 60n;
  const seconds = (nanos / 1_000_000_000n) % 60n;
  const fraction = nanos % 1_000_000_000n;
  let text = `${d.sign < 0 ? '-' : ''}PT`;
  if (hours) text += `${hours}H`;
  if (minutes) text += `${minutes}M`;
  if (seconds || fraction) {
    text += `${seconds}`;
    if (fraction) text += `.${fraction.toString().padStart(9, '0').replace(/0+$/, '')}`;
    text += 'S';
  }
  return text;
}
