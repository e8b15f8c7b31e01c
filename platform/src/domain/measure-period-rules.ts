import { durationMs } from '../durations';
import type { FieldReader } from './field-reader';

/** The measure's period as a decision gives it (all optional): issue 15. */
export interface MeasurePeriodInput {
  measureStart?: string;
  measureEnd?: string;
  measureDuration?: string;
  awaitingRelease?: boolean;
}

/**
 * Reads the measure's period: a first day, a last day or a duration in days or weeks (not both),
 * a last day not before the first day or the decision, and `awaitingRelease` only for a decision
 * that names the prison (the prison announces the release).
 */
export function readMeasurePeriod(
  read: FieldReader,
  decision: Record<string, unknown>,
  facts: { decisionDate: string | undefined; prisonId: string | undefined },
): MeasurePeriodInput {
  const far = '9999-12-31';
  const measureStart = read.date(decision.measureStart, 'measureStart', {
    earliest: '1950-01-01',
    latest: far,
    required: false,
  });
  const measureEnd = read.date(decision.measureEnd, 'measureEnd', {
    earliest: measureStart ?? facts.decisionDate ?? '1950-01-01',
    latest: far,
    required: false,
  });
  let measureDuration: string | undefined;
  if (decision.measureDuration !== undefined && decision.measureDuration !== null) {
    const d = decision.measureDuration;
    if (typeof d !== 'string' || !durationMs(d) || !/^P/.test(d)) {
      read.fail(
        'measureDuration',
        'invalid_duration',
        'measureDuration must be an ISO 8601 duration in days or weeks, such as P730D or P104W',
      );
    } else if (measureEnd !== undefined) {
      read.fail('measureDuration', 'conflicting', 'give measureEnd or measureDuration, not both');
    } else {
      measureDuration = d;
    }
  }
  const awaitingRelease = read.boolean(decision.awaitingRelease, 'awaitingRelease');
  if (awaitingRelease === true && facts.prisonId === undefined) {
    read.fail(
      'awaitingRelease',
      'prison_required',
      'a decision awaiting the release names the prison that will announce it: set prisonId',
    );
  }
  return {
    ...(measureStart !== undefined ? { measureStart } : {}),
    ...(measureEnd !== undefined ? { measureEnd } : {}),
    ...(measureDuration !== undefined ? { measureDuration } : {}),
    ...(awaitingRelease === true ? { awaitingRelease } : {}),
  };
}
