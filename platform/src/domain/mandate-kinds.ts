import { MANDATE_KINDS, type MandateKind } from '@iplus/contract';

// The kinds are the contract's (contract/mandate-vocabulary.ts); re-exported beside the id rule.
export { MANDATE_KINDS, type MandateKind };

/** The suffix each kind of mandate gives its id. */
export const MANDATE_KIND_SUFFIX = {
  police_check: 'POL',
  guidance: 'JH',
  monitoring: 'EM',
} as const satisfies Record<MandateKind, string>;

/**
 * The id of the mandate the process issues for a decision and kind: stable, so a redelivered job
 * finds the mandate it created before (`M-000123-POL`). Mandates added by hand get `-2`, `-3`…
 */
export function mandateId(decisionSeq: number, kind: MandateKind, n = 1): string {
  const base = `M-${String(decisionSeq).padStart(6, '0')}-${MANDATE_KIND_SUFFIX[kind]}`;
  return n === 1 ? base : `${base}-${n}`;
}

/** True for a known mandate kind. */
export function isMandateKind(k: unknown): k is MandateKind {
  return typeof k === 'string' && Object.prototype.hasOwnProperty.call(MANDATE_KIND_SUFFIX, k);
}
