import { measureEndAt, measurePeriodOf } from './measure-period';
import { followUpPlan, parseDurationMap, splitCycle, DEFAULT_CHASE } from './follow-up-plan';

describe('when a measure ends (measureEndAt)', () => {
  it('a last day ends at 00:00 UTC the day after', () => {
    expect(measureEndAt({ measureEnd: '2027-02-28' }, { awaiting: false, releasedAt: null })).toBe(
      '2027-03-01T00:00:00.000Z',
    );
  });
  it('a duration counts from the release, else from the start, else from the decision date', () => {
    const facts = { decisionDate: '2026-11-20', measureDuration: 'P10D' };
    expect(measureEndAt(facts, { awaiting: true, releasedAt: '2026-12-01T08:30:00.000Z' })).toBe(
      '2026-12-11T08:30:00.000Z',
    );
    expect(
      measureEndAt({ ...facts, measureStart: '2026-11-25' }, { awaiting: false, releasedAt: null }),
    ).toBe('2026-12-05T00:00:00.000Z');
    expect(measureEndAt(facts, { awaiting: false, releasedAt: null })).toBe('2026-11-30T00:00:00.000Z');
  });
  it('is unknown for an open-ended measure, or one counted from a release still to come', () => {
    expect(measureEndAt({ decisionDate: '2026-11-20' }, { awaiting: false, releasedAt: null })).toBeNull();
    expect(
      measureEndAt(
        { decisionDate: '2026-11-20', measureDuration: 'P10D' },
        { awaiting: true, releasedAt: null },
      ),
    ).toBeNull();
  });
  it('a decision awaits its release until one is announced', () => {
    const row = {
      measure_start: null,
      measure_end: null,
      measure_duration: 'P10D',
      awaiting_release: 1,
      released_at: null,
      ended_at: null,
    };
    expect(measurePeriodOf(row)).toMatchObject({ awaitingRelease: true, start: null });
    expect(measurePeriodOf({ ...row, released_at: '2026-12-01T08:30:00.000Z' })).toMatchObject({
      awaitingRelease: false,
      start: '2026-12-01',
    });
  });
});

describe('the chasing of a mandate (followUpPlan)', () => {
  it('anchors the reminders one interval after the acknowledgement deadline', () => {
    expect(
      followUpPlan(
        DEFAULT_CHASE,
        { kind: 'police_check', deadline: '2026-12-02T09:00:00.000Z' },
        'probation',
      ),
    ).toEqual({ reminderCycle: 'R/2026-12-03T09:00:00Z/PT24H', reportDeadline: 'P14D', reportPeriod: null });
  });
  it('asks guidance for periodic reports, per measure when configured', () => {
    const chase = { ...DEFAULT_CHASE, guidanceReportPeriods: parseDurationMap('P90D,probation=P30D') };
    const m = { kind: 'guidance', deadline: '2026-12-02T09:00:00.000Z' };
    expect(followUpPlan(chase, m, 'probation').reportPeriod).toBe('P30D');
    expect(followUpPlan(chase, m, 'conditional_release').reportPeriod).toBe('P90D');
  });
  it('refuses what is not a repeating interval or a name=duration list', () => {
    expect(splitCycle('R5/PT1H')).toEqual(['R5', 'PT1H']);
    expect(() => splitCycle('PT24H')).toThrow(/repeating interval/);
    expect(() => splitCycle('R/P1M')).toThrow(/repeating interval/);
    expect(() => parseDurationMap('guidance=soon')).toThrow(/name=duration/);
  });
});
