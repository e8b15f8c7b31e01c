import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { decisionId, decisionIdProperty } from '../../Iplus/decision-id';
import type { Mandate } from '../../Iplus/api-types';
import { forEachItem } from '../../Iplus/for-each-item';
import { MANDATE_KIND_OPTIONS, mandateKind } from '../../Iplus/mandate-kinds';
import { statusOf } from '../../Iplus/mandate-status';
import { requiredText } from '../../Iplus/required-text';
import { iplusApiRequest } from '../../Iplus/transport/iplus-api-request';

const properties: INodeProperties[] = [
  {
    ...decisionIdProperty,
    description: 'The decision the mandate follows up, as Upload Decision outputs it',
  },
  {
    displayName: 'Kind',
    name: 'kind',
    type: 'options',
    options: MANDATE_KIND_OPTIONS,
    default: 'police_check',
    description: 'What the recipient is asked to do',
  },
  {
    displayName: 'Recipient',
    name: 'recipientMode',
    type: 'options',
    options: [
      {
        name: 'Route Automatically',
        value: 'route',
        description:
          "The platform picks the police zone, justice house or monitoring centre from the province's routing table",
      },
      {
        name: 'Choose an Agency',
        value: 'agency',
        description: 'Send the mandate to an agency you pick',
      },
    ],
    default: 'route',
  },
  {
    displayName: 'Agency',
    name: 'recipient',
    type: 'resourceLocator',
    required: true,
    default: { mode: 'list', value: '' },
    description: 'The agency that receives the mandate',
    displayOptions: { show: { recipientMode: ['agency'] } },
    modes: [
      {
        displayName: 'From List',
        name: 'list',
        type: 'list',
        placeholder: 'Select an agency…',
        typeOptions: { searchListMethod: 'searchRecipients', searchable: true },
      },
      {
        displayName: 'By ID',
        name: 'id',
        type: 'string',
        placeholder: 'e.g. PZ-5318',
        validation: [
          {
            type: 'regex',
            properties: {
              regex: '[A-Z]+(-[A-Z0-9]+)+',
              errorMessage: 'An agency ID looks like PZ-5318, MJ-TOURNAI or EM-DSE-FWB',
            },
          },
        ],
      },
    ],
  },
  {
    displayName: 'Deadline',
    name: 'deadline',
    type: 'string',
    default: '',
    placeholder: 'e.g. PT24H or 2026-11-27T19:00:00Z',
    description:
      "By when the recipient must acknowledge: an ISO 8601 duration from now, or a date and time. Empty takes the platform's default (24 hours).",
  },
];

export const description = updateDisplayOptions({ show: { operation: ['issue'] } }, properties);

const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** POST /api/mandates for every item: the issued mandate's ids and status are the item's output. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
  return await forEachItem.call(this, async (itemIndex) => {
    const body: IDataObject = {
      decisionId: decisionId(this, itemIndex),
      kind: mandateKind(this, itemIndex),
    };
    if (this.getNodeParameter('recipientMode', itemIndex) === 'agency') {
      body.recipientId = requiredText(
        this,
        {
          name: 'recipient',
          displayName: 'Agency',
          hint: 'Pick the agency that receives the mandate, or set Recipient to Route Automatically.',
        },
        itemIndex,
      );
    }
    const deadline = String(this.getNodeParameter('deadline', itemIndex, '') ?? '').trim();
    if (deadline) {
      if (!ISO_DURATION.test(deadline) && !ISO_DATE_TIME.test(deadline)) {
        throw new NodeOperationError(
          this.getNode(),
          `Deadline "${deadline}" is not a duration or a date and time`,
          {
            description:
              'Write an ISO 8601 duration such as PT24H (24 hours) or P2D (2 days), or a date and time with its zone such as 2026-11-27T19:00:00Z; leave it empty for the default.',
            itemIndex,
          },
        );
      }
      body.deadline = deadline;
    }
    const mandate = (await iplusApiRequest.call(this, {
      method: 'POST',
      path: '/api/mandates',
      body,
      itemIndex,
    })) as Mandate;
    return statusOf(mandate);
  });
}
