/**
 * Every `code` validateDecisionInput can put in a FieldError. The web UI translates each
 * (`errors.<code>` in its message files); a test keeps this list and the validator in step.
 */
export const DECISION_ERROR_CODES = [
  'required',
  'invalid_type',
  'unknown_field',
  'too_long',
  'too_many',
  'control_characters',
  'invalid_value',
  'invalid_reference',
  'invalid_name',
  'invalid_date',
  'date_in_future',
  'date_too_old',
  'duplicate_value',
  'nrn_format',
  'nrn_checksum',
  'nrn_date',
  'birth_date_mismatch',
  'nis_format',
  'nis_unknown',
  'postal_code_format',
  'postal_code_unknown',
  'postal_code_ambiguous',
  'postal_code_mismatch',
  'prison_unknown',
  'electronic_monitoring_inconsistent',
  'language_required',
  // the measure's period (issue 15)
  'invalid_duration',
  'conflicting_period',
  'prison_required',
] as const;
export type DecisionErrorCode = (typeof DECISION_ERROR_CODES)[number];
