import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ReleaseInput } from '../../../contract/index';
import { decisionIdProperty } from '../../Iplus/decision-id';
import { forEachItem } from '../../Iplus/for-each-item';
import { domicileFromFields, domicileProperties } from './domicile-fields';
import { postLifecycleChange } from './lifecycle-request';

const properties: INodeProperties[] = [
  { ...decisionIdProperty, description: 'The decision naming the person released' },
  {
    displayName: 'Released At',
    name: 'releasedAt',
    type: 'dateTime',
    required: true,
    default: '',
    description: "The actual release, date and time; the mandates' deadlines count from it",
  },
  {
    displayName: 'Address on Release',
    name: 'addressMode',
    type: 'options',
    options: [
      { name: "The Decision's Domicile", value: 'domicile' },
      { name: 'Another Address', value: 'other' },
    ],
    default: 'domicile',
    description: 'Where the person goes on release',
  },
  ...domicileProperties('release', 'the address on release', { addressMode: ['other'] }),
];

export const description = updateDisplayOptions({ show: { operation: ['announceRelease'] } }, properties);

/** POST /api/decisions/{id}/release for every item (a prison officer's credential): the decision is the output. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
  return await forEachItem.call(this, async (itemIndex) => {
    const raw = this.getNodeParameter('releasedAt', itemIndex, '') as unknown;
    const text = typeof raw === 'string' ? raw.trim() : raw instanceof Date ? raw.toISOString() : '';
    const at = text ? new Date(text) : undefined;
    if (!at || Number.isNaN(at.getTime())) {
      throw new NodeOperationError(this.getNode(), `Released At "${text}" is not a date and time`, {
        description: 'Give the date and time of the actual release, such as 2026-12-01T09:30:00+01:00.',
        itemIndex,
      });
    }
    const body: ReleaseInput = { releasedAt: at.toISOString() };
    if (this.getNodeParameter('addressMode', itemIndex, 'domicile') === 'other') {
      body.address = domicileFromFields(this, 'release', itemIndex);
    }
    return await postLifecycleChange(this, 'release', body, itemIndex);
  });
}
