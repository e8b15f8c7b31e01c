import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { decisionId } from '../../Iplus/decision-id';
import { iplusApiRequest } from '../../Iplus/transport/iplus-api-request';

/**
 * POSTs a change of a decision's life to `/api/decisions/{id}/<what>` (revision, revocation, moves,
 * release): the platform answers the decision as it now is (or, for a police zone's move, the move's id).
 */
export async function postLifecycleChange(
  context: IExecuteFunctions,
  what: 'revision' | 'revocation' | 'moves' | 'release',
  body: IDataObject,
  itemIndex: number,
): Promise<IDataObject> {
  const id = decisionId(context, itemIndex);
  return (await iplusApiRequest.call(context, {
    method: 'POST',
    path: `/api/decisions/${encodeURIComponent(id)}/${what}`,
    body,
    itemIndex,
  })) as IDataObject;
}
