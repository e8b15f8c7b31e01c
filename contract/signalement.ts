/** The flag in the police national database (BNG/ANG) listing the person's conditions. */
import type { Conditions, Person } from './decision';
import type { SignalementRegister } from './mandate-vocabulary';

export interface Signalement {
  id: string;
  decisionId: string;
  register: SignalementRegister;
  /** The register's own id, once it answered. */
  externalId?: string | null;
  status: string;
  createdAt: string;
  /** What the register was told: the person and the conditions of the decision. */
  person?: Person;
  conditions?: Conditions;
}
