import { mandateStatusOf, type Mandate, type MandateStatus } from './api-types';

/**
 * What a node outputs for a mandate it issues, awaits or sees acknowledged (and what a waiting
 * execution keeps): the mandate's ids and status, never the decision's person or conditions
 * (docs/DATA-PROTECTION.md, "Minimisation where data flows out").
 */
export const statusOf = (mandate: Mandate): MandateStatus => mandateStatusOf(mandate) as MandateStatus;
