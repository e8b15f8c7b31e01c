/**
 * The closed vocabularies of a release decision, as in docs/API-CONTRACT.md ("Decisions", "Mandates").
 * The values are stable slugs: the web UI translates them, the BPMN models and DMN tables test them.
 */

/** Measure types (issue 5, "Domain"). */
export const MEASURES = [
  'conditional_release',
  'electronic_monitoring',
  'limited_detention',
  'provisional_release_for_removal',
  'release_under_conditions',
  'probation',
  'release_on_trial_internment',
  'prison_leave',
] as const;
export type Measure = (typeof MEASURES)[number];

/** Issuing authorities: a court, the sentence-enforcement court (TAP/SURB), an investigating judge, the minister. */
export const AUTHORITIES = [
  'court',
  'sentence_enforcement_court',
  'investigating_judge',
  'minister',
] as const;
export type Authority = (typeof AUTHORITIES)[number];

/** The three general conditions every release under conditions carries. */
export const GENERAL_CONDITIONS = ['no_new_offences', 'fixed_address', 'respond_to_summons'] as const;
export type GeneralCondition = (typeof GENERAL_CONDITIONS)[number];

/** A particular condition is an obligation or a prohibition. */
export const PARTICULAR_TYPES = ['obligation', 'prohibition'] as const;
export type ParticularType = (typeof PARTICULAR_TYPES)[number];

export const PARTICULAR_CATEGORIES = [
  'treatment',
  'training_or_work',
  'contact_ban',
  'area_ban',
  'residence',
  'curfew',
  'alcohol_drugs',
  'compensation',
  'other',
] as const;
export type ParticularCategory = (typeof PARTICULAR_CATEGORIES)[number];

/** What a mandate asks of its recipient: police zone, justice house, monitoring centre. */
export const MANDATE_KINDS = ['police_check', 'guidance', 'monitoring'] as const;
export type MandateKind = (typeof MANDATE_KINDS)[number];

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

/** Languages of proceedings; in Brussels the language decides the competent justice house. */
export const CASE_LANGUAGES = ['fr', 'nl', 'de'] as const;
export type CaseLanguage = (typeof CASE_LANGUAGES)[number];

/** True when `outcome` is a breach report outcome. */
export function isBreachOutcome(outcome: string): outcome is BreachOutcome {
  return (BREACH_OUTCOMES as readonly string[]).includes(outcome);
}

/** Text limits enforced by validation (characters after NFC normalisation). */
export const TEXT_LIMITS = {
  reference: 100,
  name: 200,
  court: 200,
  street: 200,
  houseNumber: 20,
  box: 20,
  conditionText: 2000,
  particularConditions: 50,
} as const;
