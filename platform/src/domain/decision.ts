/**
 * The release decision: types, validation and canonical form (docs/API-CONTRACT.md, section
 * Decisions); its vocabularies are in contract/. The service imports from here.
 */
import type { DecisionInput } from './decision-types';
import { canonicalJson } from './canonical-json';

export type {
  Conditions,
  DecisionInput,
  Domicile,
  FieldError,
  ParticularCondition,
  Person,
} from './decision-types';
export {
  validateDecisionInput,
  type DecisionValidation,
  type ValidationOptions,
} from './decision-validation';
export { DECISION_ERROR_CODES, type DecisionErrorCode } from './decision-error-codes';

/** The decision as JSON with a stable key order, for the idempotency hash of POST /api/decisions. */
export function canonicalDecisionJson(value: DecisionInput): string {
  return canonicalJson(value);
}
