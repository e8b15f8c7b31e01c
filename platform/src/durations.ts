/**
 * ISO 8601 durations as the platform's configuration and the contract use them (`PT24H`, `PT30M`,
 * `P2D`, `P1W`, `PT2S`). Years and months are refused: their length depends on the calendar.
 */
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of an ISO 8601 duration, or undefined when it is not one. */
export function durationMs(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, w, d, h, min, s] = m;
  return (
    (Number(w ?? 0) * 7 * 24 * 3600 +
      Number(d ?? 0) * 24 * 3600 +
      Number(h ?? 0) * 3600 +
      Number(min ?? 0) * 60) *
      1000 +
    Math.round(Number(s ?? 0) * 1000)
  );
}

/** A whole-second ISO duration for a number of milliseconds (at least PT1S): what a BPMN timer reads. */
export function isoDuration(ms: number): string {
  return `PT${Math.max(1, Math.ceil(ms / 1000))}S`;
}
