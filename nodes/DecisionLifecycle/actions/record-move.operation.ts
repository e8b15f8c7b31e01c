import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { MoveInput } from '../../../contract/index';
import { decisionIdProperty } from '../../Iplus/decision-id';
import { forEachItem } from '../../Iplus/for-each-item';
import { domicileFromFields, domicileProperties } from './domicile-fields';
import { postLifecycleChange } from './lifecycle-request';

const properties: INodeProperties[] = [
  { ...decisionIdProperty, description: 'The decision of the person who moved' },
  ...domicileProperties('new', 'the new domicile', {}),
  {
    displayName: 'Note',
    name: 'note',
    type: 'string',
    default: '',
    description: 'What was found or decided (kept in the audit log)',
  },
];

export const description = updateDisplayOptions({ show: { operation: ['recordMove'] } }, properties);

/**
 * POST /api/decisions/{id}/moves for every item. The case is re-routed: a parquet gets the decision
 * back, a police zone (which does not read decisions) the move's id.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
  return await forEachItem.call(this, async (itemIndex) => {
    const body: MoveInput = { domicile: domicileFromFields(this, 'new', itemIndex) };
    const note = String(this.getNodeParameter('note', itemIndex, '') ?? '').trim();
    if (note) body.note = note;
    return await postLifecycleChange(this, 'moves', body, itemIndex);
  });
}
