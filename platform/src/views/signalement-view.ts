import type { Selectable } from 'kysely';
import type { DecisionFacts } from '../reference-port';
import type { SignalementsTable } from '../store/schema';

/** The contract's Signalement. */
export interface SignalementView {
  id: string;
  decisionId: string;
  register: string;
  externalId: string | null;
  status: string;
  createdAt: string;
  person: unknown;
  conditions: unknown;
}

/** Builds the contract's Signalement from its row and the decision it flags. */
export function signalementView(row: Selectable<SignalementsTable>, input: DecisionFacts): SignalementView {
  return {
    id: row.id,
    decisionId: row.decision_id,
    register: row.register,
    externalId: row.external_id,
    status: row.status,
    createdAt: row.created_at,
    person: input.person,
    conditions: input.conditions,
  };
}
