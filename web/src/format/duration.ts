/** ISO 8601 durations (PT24H, P2D, PT30M…) as Zeebe timers and the deadline settings write them. */
const ISO_DURATION =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of a duration made of weeks, days, hours, minutes and seconds; undefined otherwise. */
export function parseIsoDuration(text: string): number | undefined {
  const m = ISO_DURATION.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const [w, d, h, min, s] = m.slice(1).map((x) => (x ? Number(x) : 0));
  return ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + s) * 1000;
}

/** A delay split into the two largest units, for display: 93 minutes → 1 h 33 min. */
export function splitDelay(ms: number): Array<{ unit: 'day' | 'hour' | 'minute' | 'second'; value: number }> {
  const units = [
    { unit: 'day', ms: 86_400_000 },
    { unit: 'hour', ms: 3_600_000 },
    { unit: 'minute', ms: 60_000 },
    { unit: 'second', ms: 1000 },
  ] as const;
  let rest = Math.max(0, Math.round(ms / 1000) * 1000);
  const parts: Array<{ unit: 'day' | 'hour' | 'minute' | 'second'; value: number }> = [];
  for (const u of units) {
    const value = Math.floor(rest / u.ms);
    rest -= value * u.ms;
    if (value > 0 || (parts.length > 0 && parts.length < 2)) parts.push({ unit: u.unit, value });
    if (parts.length === 2) break;
  }
  const trimmed = parts.filter((p, i) => i === 0 || p.value > 0);
  return trimmed.length ? trimmed : [{ unit: 'second', value: 0 }];
}
