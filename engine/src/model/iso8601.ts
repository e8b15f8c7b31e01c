/**
 * ISO 8601 dates, durations and repeating intervals as BPMN timers use them (`2026-01-01T10:00:00Z`,
 * `PT10M`, `R3/PT10S`, `R/2026-01-01T10:00:00Z/P1D`). Pure functions over epoch milliseconds.
 */
export interface Duration {
  negative: boolean;
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export type TimerSpec =
  | { kind: 'date'; at: number }
  | { kind: 'duration'; duration: Duration }
  | { kind: 'cycle'; repetitions: number; start?: number; interval: Duration; text: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const NUM = '(\\d+(?:[.,]\\d+)?)';
const DURATION = new RegExp(
  `^(-)?P(?:${NUM}Y)?(?:${NUM}M)?(?:${NUM}W)?(?:${NUM}D)?(?:T(?:${NUM}H)?(?:${NUM}M)?(?:${NUM}S)?)?$`,
);

/** Parses `P1DT2H`, `PT0.5S`, `-PT1M`. */
export function parseDuration(text: string): Parsed<Duration> {
  const t = text.trim();
  const m = DURATION.exec(t);
  if (!m || t === 'P' || t.endsWith('T') || t === '-P') {
    return { ok: false, message: `'${text}' is not an ISO 8601 duration such as PT10M or P1DT2H` };
  }
  const n = (s: string | undefined) => (s ? Number(s.replace(',', '.')) : 0);
  return {
    ok: true,
    value: {
      negative: m[1] === '-',
      years: n(m[2]),
      months: n(m[3]),
      weeks: n(m[4]),
      days: n(m[5]),
      hours: n(m[6]),
      minutes: n(m[7]),
      seconds: n(m[8]),
    },
  };
}

/** Adds a duration to an instant, with calendar arithmetic (UTC) for years and months. */
export function addDuration(at: number, d: Duration): number {
  const sign = d.negative ? -1 : 1;
  const date = new Date(at);
  if (d.years || d.months) {
    const months = Math.trunc(d.years * 12 + d.months) * sign;
    date.setUTCMonth(date.getUTCMonth() + months);
  }
  const ms =
    (((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60_000 + Math.round(d.seconds * 1000);
  return date.getTime() + sign * ms;
}

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?(?:\[([^\]]+)\])?$/;

/** Parses a date-time with `Z`, an offset or a zone id (`2026-01-01T10:00:00+01:00`, `...[Europe/Brussels]`). */
export function parseDateTime(text: string): Parsed<number> {
  const t = text.trim();
  const m = DATE_TIME.exec(t);
  const bad = {
    ok: false as const,
    message: `'${text}' is not an ISO 8601 date-time with a time zone, such as 2026-01-01T10:00:00Z`,
  };
  if (!m) return bad;
  const [, local, offset, zone] = m;
  if (offset) {
    const ms = Date.parse(local + (offset === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')));
    return Number.isNaN(ms) ? bad : { ok: true, value: ms };
  }
  if (!zone) return bad;
  const asUtc = Date.parse(local + 'Z');
  if (Number.isNaN(asUtc)) return bad;
  try {
    // The zone's offset at that wall-clock time (close enough outside the DST switch hour).
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(asUtc));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const wall = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    );
    return { ok: true, value: asUtc - (wall - asUtc) };
  } catch {
    return { ok: false, message: `'${zone}' in '${text}' is not a known time zone` };
  }
}

/** Parses `R3/PT10S`, `R/P1D`, `R5/2026-01-01T10:00:00Z/PT1H`. */
export function parseCycle(
  text: string,
): Parsed<{ repetitions: number; start?: number; interval: Duration }> {
  const parts = text.trim().split('/');
  const rep = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!rep || parts.length < 2 || parts.length > 3) {
    return {
      ok: false,
      message: `'${text}' is not an ISO 8601 repeating interval such as R3/PT10S (cron expressions are not supported)`,
    };
  }
  let start: number | undefined;
  if (parts.length === 3) {
    const s = parseDateTime(parts[1]);
    if (!s.ok) return s;
    start = s.value;
  }
  const interval = parseDuration(parts[parts.length - 1]);
  if (!interval.ok) return interval;
  return {
    ok: true,
    value: { repetitions: rep[1] === '' ? -1 : Number(rep[1]), start, interval: interval.value },
  };
}

/** Parses a timer definition of the given kind. */
export function parseTimer(kind: 'date' | 'duration' | 'cycle', text: string): Parsed<TimerSpec> {
  if (kind === 'date') {
    const r = parseDateTime(text);
    return r.ok ? { ok: true, value: { kind, at: r.value } } : r;
  }
  if (kind === 'duration') {
    const r = parseDuration(text);
    return r.ok ? { ok: true, value: { kind, duration: r.value } } : r;
  }
  const r = parseCycle(text);
  return r.ok ? { ok: true, value: { kind, ...r.value, text: text.trim() } } : r;
}

/** When a timer first fires, counted from `now`. */
export function firstDueDate(spec: TimerSpec, now: number): number {
  if (spec.kind === 'date') return spec.at;
  if (spec.kind === 'duration') return addDuration(now, spec.duration);
  return spec.start ?? addDuration(now, spec.interval);
}
