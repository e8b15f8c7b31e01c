/** The closed vocabularies of mandates and what comes back from them (docs/API-CONTRACT.md, "Mandates"). */

/** What a mandate asks of its recipient: police zone, justice house, monitoring centre. */
export const MANDATE_KINDS = ['police_check', 'guidance', 'monitoring'] as const;
export type MandateKind = (typeof MANDATE_KINDS)[number];

/**
 * A mandate is issued, then acknowledged by its recipient, then reported on; it is closed when the
 * measure ends, is revoked, or the person moves away from its recipient.
 */
export const MANDATE_STATUSES = ['issued', 'acknowledged', 'reported', 'closed'] as const;
export type MandateStatus = (typeof MANDATE_STATUSES)[number];

export const REPORT_OUTCOMES = [
  'address_verified',
  'address_not_verified',
  'interview_held',
  'person_absent',
  'condition_broken',
  'guidance_started',
] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

/** Report outcomes that are breaches: they go back to the parquet. */
export const BREACH_OUTCOMES = [
  'address_not_verified',
  'person_absent',
  'condition_broken',
] as const satisfies readonly ReportOutcome[];
export type BreachOutcome = (typeof BREACH_OUTCOMES)[number];

/** True when `outcome` is a breach report outcome. */
export function isBreachOutcome(outcome: string): outcome is BreachOutcome {
  return (BREACH_OUTCOMES as readonly string[]).includes(outcome);
}

/** True when the mandate has been acknowledged (a reported mandate was acknowledged before its report). */
export function isAcknowledged(mandate: { status: MandateStatus | string }): boolean {
  return mandate.status === 'acknowledged' || mandate.status === 'reported';
}

/**
 * What a notification tells a parquet, a coordinator or a recipient: escalations and reminders of
 * unacknowledged mandates, breaches, old channel, manual assignment; and the case's life (issue 15):
 * a report overdue or due (periodic guidance), the measure revised, revoked or ended, a mandate
 * closed (measure over, or the person moved away), a move, a release announced.
 */
export const NOTIFICATION_KINDS = [
  'escalation',
  'breach',
  'old_channel',
  'manual_assignment',
  'reminder',
  'report_overdue',
  'report_due',
  'measure_revised',
  'measure_revoked',
  'measure_ended',
  'mandate_closed',
  'domicile_moved',
  'release_announced',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Where a signalement is kept: the platform's own register (default adapter) or the BNG over HTTP. */
export const SIGNALEMENT_REGISTERS = ['iplus-register', 'bng-http'] as const;
export type SignalementRegister = (typeof SIGNALEMENT_REGISTERS)[number];

/** The event the platform POSTs to a callback registered on a mandate. */
export const MANDATE_ACKNOWLEDGED_EVENT = 'mandate.acknowledged';
