import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, jsonParse, sleep, updateDisplayOptions } from 'n8n-workflow';

import type { Decision } from '../../Iplus/api-types';
import { forEachItem } from '../../Iplus/for-each-item';
import { iplusApiRequest } from '../../Iplus/transport/iplus-api-request';
import { decisionDocument } from './decision-document';
import { decisionFieldProperties, decisionFromFields } from './decision-fields';
import { awaitRouting } from './routing-wait';

const properties: INodeProperties[] = [
  {
    displayName: 'Input Binary Field',
    name: 'binaryPropertyName',
    type: 'string',
    required: true,
    default: 'data',
    hint: 'The name of the input binary field that holds the decision PDF',
  },
  {
    displayName: 'Decision From',
    name: 'decisionSource',
    type: 'options',
    options: [
      { name: 'Fields Below', value: 'fields', description: 'Fill in or map each field' },
      {
        name: 'JSON',
        value: 'json',
        description: 'A whole decision object, as in the API contract (for example from an earlier node)',
      },
    ],
    default: 'fields',
  },
  {
    displayName: 'Decision',
    name: 'decisionJson',
    type: 'json',
    required: true,
    default: '={{ $json.decision }}',
    description:
      'The decision as JSON: reference, authority, court, decisionDate, measure, conditions and person',
    displayOptions: { show: { decisionSource: ['json'] } },
  },
  ...updateDisplayOptions({ show: { decisionSource: ['fields'] } }, decisionFieldProperties),
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [
      {
        displayName: 'Wait for Routing',
        name: 'waitForRouting',
        type: 'boolean',
        default: true,
        description:
          'Whether to wait until the platform has routed the decision and issued its mandates, so that the output lists them',
      },
      {
        displayName: 'Routing Timeout (Seconds)',
        name: 'routingTimeout',
        type: 'number',
        typeOptions: { minValue: 1 },
        default: 30,
        description: 'How long to wait for the routing; past it, the decision is output as it stands',
      },
    ],
  },
];

export const description = updateDisplayOptions({ show: { operation: ['upload'] } }, properties);

const ROUTING_POLL_MS = 250;

/**
 * POST /api/decisions for every item (the PDF and the decision's fields), then, unless told not to,
 * waits for the routing: the output is the decision as the platform holds it, with its id, process
 * instance key, status and the mandates routed.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
  return await forEachItem.call(this, async (itemIndex) => {
    const decision = decisionInput(this, itemIndex);
    const binaryField = String(this.getNodeParameter('binaryPropertyName', itemIndex)).trim();
    const document = await decisionDocument(
      this,
      itemIndex,
      binaryField,
      `${String(decision.reference ?? 'decision')}.pdf`,
    );
    const uploaded = (await iplusApiRequest.call(this, {
      method: 'POST',
      path: '/api/decisions',
      body: { decision, document },
      itemIndex,
    })) as Decision;

    const options = this.getNodeParameter('options', itemIndex, {}) as {
      waitForRouting?: boolean;
      routingTimeout?: number;
    };
    const result =
      options.waitForRouting === false
        ? uploaded
        : await awaitRouting(
            uploaded,
            async () =>
              (await iplusApiRequest.call(this, {
                method: 'GET',
                path: `/api/decisions/${encodeURIComponent(uploaded.id)}`,
                itemIndex,
              })) as Decision,
            {
              timeoutMs: (options.routingTimeout ?? 30) * 1000,
              intervalMs: ROUTING_POLL_MS,
              sleep,
              now: Date.now,
            },
          );
    return result;
  });
}

/** The decision to upload: from the fields, or from the JSON parameter (an object or its text). */
function decisionInput(context: IExecuteFunctions, itemIndex: number): IDataObject {
  if (context.getNodeParameter('decisionSource', itemIndex) === 'fields') {
    return decisionFromFields(context, itemIndex);
  }
  const raw = context.getNodeParameter('decisionJson', itemIndex) as unknown;
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = jsonParse(raw);
    } catch (error) {
      throw new NodeOperationError(context.getNode(), 'Decision is not valid JSON', {
        description: `${(error as Error).message}. Give the decision as an object with reference, authority, court, decisionDate, measure, conditions and person.`,
        itemIndex,
      });
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new NodeOperationError(context.getNode(), 'Decision is not an object', {
      description:
        'Map a decision object, such as {{ $json.decision }}, with reference, authority, court, decisionDate, measure, conditions and person.',
      itemIndex,
    });
  }
  return value as IDataObject;
}
