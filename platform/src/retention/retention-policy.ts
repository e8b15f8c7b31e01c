import { durationMs } from '../durations';

/**
 * How long each category of data is kept (docs/DATA-PROTECTION.md justifies the defaults), as ISO
 * 8601 durations in days, weeks or hours (years are refused: their length depends on the calendar).
 */
export interface RetentionSettings {
  /** IPLUS_RETENTION_CASE: a case's data and documents, after the case ended. */
  caseData: string;
  /** IPLUS_RETENTION_ENGINE: the engine's state of a case's finished process instances, after the case ended. */
  engineHistory: string;
  /** IPLUS_RETENTION_OUTBOX: outbox items carried out or given up (they repeat a case's variables). */
  outboxDone: string;
  /** IPLUS_RETENTION_SESSIONS: sessions after they expired. */
  sessions: string;
  /** IPLUS_RETENTION_TOKENS: API tokens after they expired or were revoked. */
  apiTokens: string;
}

export const DEFAULT_RETENTION: RetentionSettings = {
  caseData: 'P730D',
  engineHistory: 'P30D',
  outboxDone: 'P30D',
  sessions: 'P1D',
  apiTokens: 'P90D',
};

/** The settings in milliseconds; a setting that is not a duration is refused with its name. */
export type RetentionPolicy = { [K in keyof RetentionSettings]: number };

export function retentionPolicy(settings: Partial<RetentionSettings> = {}): RetentionPolicy {
  const merged = { ...DEFAULT_RETENTION, ...settings };
  const out = {} as RetentionPolicy;
  for (const k of Object.keys(DEFAULT_RETENTION) as Array<keyof RetentionSettings>) {
    const ms = durationMs(merged[k]);
    if (ms === undefined)
      throw new Error(
        `retention ${k} '${merged[k]}' is not an ISO 8601 duration in days or hours such as P730D`,
      );
    out[k] = ms;
  }
  return out;
}
