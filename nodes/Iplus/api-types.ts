/**
 * The shapes of the iplus API that the nodes read: the contract's (`contract/`, compiled into
 * `dist/contract/` by tsconfig.nodes.json, so the package depends on nothing at run time). n8n hands
 * items around as IDataObject; these aliases add that and nothing else.
 */
import type { IDataObject } from 'n8n-workflow';

import type {
  AcknowledgementCallback as ContractCallback,
  Decision as ContractDecision,
  FieldProblem,
  Mandate as ContractMandate,
  MandateStatusView as ContractMandateStatus,
  Problem as ContractProblem,
} from '../../contract/index';

export type { Agency, MandateKind } from '../../contract/index';
export { isAcknowledged, MANDATE_KINDS, mandateStatusOf } from '../../contract/index';

/** A problem document as received: a body that is not the platform's may lack any field. */
export type Problem = Partial<Omit<ContractProblem, 'errors'>> & { errors?: Array<Partial<FieldProblem>> };

export type Mandate = IDataObject & ContractMandate;

/** What the nodes output for a mandate they acknowledge, await or issue: its ids and status only. */
export type MandateStatus = IDataObject & ContractMandateStatus;

export type Decision = IDataObject & Omit<ContractDecision, 'mandates'> & { mandates: Mandate[] };

/** A callback's body as received: whoever calls the webhook may send anything. */
export type AcknowledgementCallback = Partial<Omit<ContractCallback, 'mandate'>> & {
  mandate?: Partial<ContractMandate>;
};
