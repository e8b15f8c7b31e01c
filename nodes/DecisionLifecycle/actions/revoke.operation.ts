import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { decisionIdProperty } from '../../Iplus/decision-id';
import { forEachItem } from '../../Iplus/for-each-item';
import { requiredText } from '../../Iplus/required-text';
import { postLifecycleChange } from './lifecycle-request';

const properties: INodeProperties[] = [
  { ...decisionIdProperty, description: 'The decision whose measure is revoked' },
  {
    displayName: 'Reason',
    name: 'reason',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'e.g. Revoked by the TAP of Mons, judgment of 2026-12-01',
    description: 'Why the measure is revoked; the police zone is told at once',
  },
];

export const description = updateDisplayOptions({ show: { operation: ['revoke'] } }, properties);

/** POST /api/decisions/{id}/revocation for every item: everything ends now; the decision is the output. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
  return await forEachItem.call(this, async (itemIndex) => {
    const reason = requiredText(
      this,
      {
        name: 'reason',
        displayName: 'Reason',
        hint: 'Say why the measure is revoked (the judgment or order).',
      },
      itemIndex,
    );
    return await postLifecycleChange(this, 'revocation', { reason }, itemIndex);
  });
}
