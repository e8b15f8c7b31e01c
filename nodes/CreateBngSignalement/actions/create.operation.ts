import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, jsonParse, updateDisplayOptions } from 'n8n-workflow';

import { decisionId, decisionIdProperty } from '../../Iplus/decision-id';
import { forEachItem } from '../../Iplus/for-each-item';
import { iplusApiRequest } from '../../Iplus/transport/iplus-api-request';

const properties: INodeProperties[] = [
  {
    displayName: 'Decision From',
    name: 'decisionSource',
    type: 'options',
    options: [
      { name: 'Decision ID', value: 'id', description: 'The ID of a decision the platform holds' },
      {
        name: 'Decision Data',
        value: 'data',
        description: 'A whole decision, as Upload Decision or the API outputs it',
      },
    ],
    default: 'id',
  },
  { ...decisionIdProperty, displayOptions: { show: { decisionSource: ['id'] } } },
  {
    displayName: 'Decision',
    name: 'decision',
    type: 'json',
    required: true,
    default: '={{ $json }}',
    description: 'The decision as JSON; the signalement is created for its ID',
    displayOptions: { show: { decisionSource: ['data'] } },
  },
];

export const description = updateDisplayOptions({ show: { operation: ['create'] } }, properties);

/** POST /api/signalements for every item (idempotent per decision): the signalement is the output. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
  return await forEachItem.call(this, async (itemIndex) => {
    const id =
      this.getNodeParameter('decisionSource', itemIndex) === 'data'
        ? idOfDecision(this, itemIndex)
        : decisionId(this, itemIndex);
    return (await iplusApiRequest.call(this, {
      method: 'POST',
      path: '/api/signalements',
      body: { decisionId: id },
      itemIndex,
    })) as IDataObject;
  });
}

/** The `id` of the decision given as data: an object, or the JSON text of one. */
function idOfDecision(context: IExecuteFunctions, itemIndex: number): string {
  const raw = context.getNodeParameter('decision', itemIndex) as unknown;
  let decision: unknown = raw;
  if (typeof raw === 'string') {
    try {
      decision = jsonParse(raw);
    } catch {
      throw new NodeOperationError(context.getNode(), 'Decision is not valid JSON', {
        description: 'Give a decision object, such as {{ $json }} after Upload Decision.',
        itemIndex,
      });
    }
  }
  const id = (decision as IDataObject | null)?.id;
  if (typeof id !== 'string' || id.trim() === '') {
    throw new NodeOperationError(context.getNode(), 'The decision data has no "id"', {
      description:
        'Give a decision that the platform holds, as Upload Decision outputs it, or set Decision From to Decision ID. A decision that is not uploaded yet needs Upload Decision first.',
      itemIndex,
    });
  }
  return id.trim();
}
