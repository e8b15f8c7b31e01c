import type { MeasurePeriod } from '@iplus/contract';
import { durationMs } from '../durations';

const DAY_MS = 24 * 3600 * 1000;

/** What a decision says about its measure's period (DecisionInput). */
export interface PeriodFacts {
  decisionDate?: string;
  measureStart?: string;
  measureEnd?: string;
  measureDuration?: string;
}

/**
 * When the measure ends, as the engine's timer reads it (ISO date-time, UTC): the day after the last
 * day at 00:00 when a last day is given; else the start (the release when there is one, else the
 * measure's start or the decision date) plus the duration; null for an open-ended measure, or one
 * counted from a release that has not happened yet.
 */
export function measureEndAt(
  facts: PeriodFacts,
  release: { awaiting: boolean; releasedAt: string | null },
): string | null {
  if (facts.measureEnd) return new Date(Date.parse(`${facts.measureEnd}T00:00:00Z`) + DAY_MS).toISOString();
  const ms = facts.measureDuration ? durationMs(facts.measureDuration) : undefined;
  if (ms === undefined) return null;
  if (release.awaiting && !release.releasedAt) return null;
  const from =
    release.releasedAt ??
    ((facts.measureStart ?? facts.decisionDate)
      ? `${facts.measureStart ?? facts.decisionDate}T00:00:00Z`
      : null);
  return from ? new Date(Date.parse(from) + ms).toISOString() : null;
}

/** The contract's MeasurePeriod of a decision row. */
export function measurePeriodOf(row: {
  measure_start: string | null;
  measure_end: string | null;
  measure_duration: string | null;
  awaiting_release: number;
  released_at: string | null;
  ended_at: string | null;
}): MeasurePeriod {
  return {
    start: row.measure_start ?? (row.released_at ? row.released_at.slice(0, 10) : null),
    end: row.measure_end,
    duration: row.measure_duration,
    awaitingRelease: row.awaiting_release === 1 && row.released_at === null,
    releasedAt: row.released_at,
    endedAt: row.ended_at,
  };
}

/** Statuses in which a measure is over: nothing can change it any more (no signalement, no mandate). */
export const FINAL_STATUSES: readonly string[] = ['ended', 'revoked'];
