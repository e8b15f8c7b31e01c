/**
 * The closed vocabularies of a release decision, as in docs/API-CONTRACT.md ("Decisions").
 * The values are stable slugs: clients translate them, the BPMN models and DMN tables test them.
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

/**
 * Issuing authorities: a court, the sentence-enforcement court (TAP/SURB), an investigating judge, the
 * minister (or the prison administration on the minister's behalf), a prison's director.
 */
export const AUTHORITIES = [
  'court',
  'sentence_enforcement_court',
  'investigating_judge',
  'minister',
  'prison_director',
] as const;
export type Authority = (typeof AUTHORITIES)[number];

/**
 * The measures a prison uploads itself: a prison leave (permission de sortie / uitgaansvergunning,
 * congé pénitentiaire / penitentiair verlof, law of 17 May 2006), an administrative decision that
 * reaches the person through the prison holding them and whose execution that prison organises.
 * Every release measure is decided by a court or the TAP/SURB and is uploaded by the parquet:
 * platform/README.md, "Decisions a prison uploads".
 */
export const PRISON_ISSUED_MEASURES = ['prison_leave'] as const satisfies readonly Measure[];

/** Who decides a prison leave: the prison administration for the minister, or the prison's director. */
export const PRISON_LEAVE_AUTHORITIES = [
  'minister',
  'prison_director',
] as const satisfies readonly Authority[];

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

/** Languages of proceedings; in Brussels the language decides the competent justice house. */
export const CASE_LANGUAGES = ['fr', 'nl', 'de'] as const;
export type CaseLanguage = (typeof CASE_LANGUAGES)[number];

/**
 * Where a decision stands: received, routed to its recipients (the measure runs), sent the old way,
 * waiting for a coordinator, closed (every mandate reported); awaiting the person's release from
 * prison; ended (the measure's end reached); revoked by the parquet.
 */
export const DECISION_STATUSES = [
  'received',
  'routed',
  'old_channel',
  'manual_assignment',
  'closed',
  'awaiting_release',
  'ended',
  'revoked',
] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

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
