import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MoveInput, ReleaseInput, RevisionInput, RevocationInput } from '../../../contract/index';
import { decisionId } from '../../Iplus/decision-id';
import { iplusApiRequest } from '../../Iplus/transport/iplus-api-request';

/**
 * POSTs a change of a decision's life to `/api/decisions/{id}/<what>` (revision, revocation, moves,
 * release): the platform answers the decision as it now is (or, for a police zone's move, the move's id).
 */
/** Each change's request body, as the contract (contract/lifecycle.ts) defines it. */
type LifecycleBodies = {
  revision: RevisionInput;
  revocation: RevocationInput;
  moves: MoveInput;
  release: ReleaseInput;
};

export async function postLifecycleChange<W extends keyof LifecycleBodies>(
  context: IExecuteFunctions,
  what: W,
  body: LifecycleBodies[W],
  itemIndex: number,
): Promise<IDataObject> {
  const id = decisionId(context, itemIndex);
  return (await iplusApiRequest.call(context, {
    method: 'POST',
    path: `/api/decisions/${encodeURIComponent(id)}/${what}`,
    body: body as unknown as IDataObject,
    itemIndex,
  })) as IDataObject;
}
