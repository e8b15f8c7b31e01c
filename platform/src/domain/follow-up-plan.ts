import { durationMs } from '../durations';

/** The chasing of mandates, from the configuration (IPLUS_REMINDER_CYCLE, IPLUS_REPORT_DEADLINES, IPLUS_GUIDANCE_REPORT_PERIODS). */
export interface ChaseSettings {
  /** `R/PT24H`: after the escalation, remind every 24 hours until acknowledged. */
  reminderCycle: string;
  /** Time to report after the acknowledgement, per mandate kind (ISO durations). */
  reportDeadlines: Record<string, string>;
  /** Period of guidance reports per measure (`default` for the others); none: no periodic reports. */
  guidanceReportPeriods: Record<string, string>;
}

export const DEFAULT_CHASE: ChaseSettings = {
  reminderCycle: 'R/PT24H',
  reportDeadlines: { police_check: 'P14D', guidance: 'P30D', monitoring: 'P7D' },
  guidanceReportPeriods: { default: 'P90D' },
};

/**
 * The variables process `mandate-follow-up` needs for one mandate: its reminder cycle anchored one
 * interval after the acknowledgement deadline (the escalation comes at the deadline, the reminders
 * after it), its report deadline, and its period of reports (guidance only; null otherwise).
 */
export function followUpPlan(
  chase: ChaseSettings,
  mandate: { kind: string; deadline: string },
  measure: string,
): { reminderCycle: string; reportDeadline: string; reportPeriod: string | null } {
  const [repeat, interval] = splitCycle(chase.reminderCycle);
  const first = new Date(Date.parse(mandate.deadline) + (durationMs(interval) ?? 0));
  return {
    reminderCycle: `${repeat}/${first.toISOString().replace(/\.\d{3}Z$/, 'Z')}/${interval}`,
    reportDeadline: chase.reportDeadlines[mandate.kind] ?? 'P30D',
    reportPeriod:
      mandate.kind === 'guidance'
        ? (chase.guidanceReportPeriods[measure] ?? chase.guidanceReportPeriods.default ?? null)
        : null,
  };
}

/** `R/PT24H` → [`R`, `PT24H`]; `R5/PT1H` → [`R5`, `PT1H`]. Throws on anything else. */
export function splitCycle(cycle: string): [string, string] {
  const m = /^(R\d*)\/(P[0-9WDTHMS.]+)$/.exec(cycle.trim());
  if (!m || durationMs(m[2]!) === undefined) {
    throw new Error(`"${cycle}" is not a repeating interval such as R/PT24H (days, hours, minutes)`);
  }
  return [m[1]!, m[2]!];
}

/** Parses `police_check=P14D,guidance=P30D` (or a lone `P90D`, meaning `default=P90D`). */
export function parseDurationMap(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [k, v] = part.includes('=') ? part.split('=', 2).map((s) => s.trim()) : ['default', part];
    if (!k || !v || durationMs(v) === undefined) {
      throw new Error(`"${part}" is not name=duration with a duration such as P14D or PT24H`);
    }
    out[k] = v;
  }
  return out;
}
