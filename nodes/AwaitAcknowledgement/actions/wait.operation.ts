import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { isAcknowledged, type Mandate } from '../../Iplus/api-types';
import { errorForItem, failedItem } from '../../Iplus/item-errors';
import { statusOf } from '../../Iplus/mandate-status';
import { requiredText } from '../../Iplus/required-text';
import { iplusApiRequest } from '../../Iplus/transport/iplus-api-request';
import { callbackUrl } from './callback-url';
import { emitOnTimeout } from './timed-out-branch';

const TIMEOUT_UNITS = { seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

const properties: INodeProperties[] = [
  {
    displayName: 'Mandate ID',
    name: 'mandateId',
    type: 'string',
    required: true,
    default: '={{ $json.id }}',
    placeholder: 'e.g. M-000123-POL',
    description: 'The mandate to wait for, as Issue Mandate or Upload Decision outputs it',
  },
  {
    displayName: 'Timeout',
    name: 'timeoutAmount',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 24,
    description: 'How long to wait before going on through Timed Out',
  },
  {
    displayName: 'Timeout Unit',
    name: 'timeoutUnit',
    type: 'options',
    options: [
      { name: 'Days', value: 'days' },
      { name: 'Hours', value: 'hours' },
      { name: 'Minutes', value: 'minutes' },
      { name: 'Seconds', value: 'seconds' },
    ],
    default: 'hours',
  },
  {
    displayName:
      'n8n checks for waits that have run out once a minute, so a timeout may end up to a minute late. An acknowledgement resumes the workflow at once.',
    name: 'timeoutNotice',
    type: 'notice',
    default: '',
  },
];

export const description = updateDisplayOptions({ show: { operation: ['wait'] } }, properties);

type Looked = { itemIndex: number; mandate: Mandate };

/**
 * Reads each item's mandate. Acknowledged mandates go straight out of Acknowledged. One that is not
 * is given this execution's resume URL as its callback (the platform calls it once the mandate is
 * acknowledged, at once if it already is), and the execution waits until then or the timeout.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  const items = this.getInputData();
  const acknowledged: INodeExecutionData[] = [];
  const pending: Looked[] = [];
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    try {
      const mandate = await readMandate(this, itemIndex);
      if (isAcknowledged(mandate))
        acknowledged.push({ json: statusOf(mandate), pairedItem: { item: itemIndex } });
      else pending.push({ itemIndex, mandate });
    } catch (error) {
      if (!this.continueOnFail()) throw errorForItem(this.getNode(), error, itemIndex);
      acknowledged.push(failedItem(error, itemIndex));
    }
  }
  if (pending.length === 0) return [acknowledged, []];
  if (items.length > 1) throw oneMandatePerExecution(this, items.length, pending);

  const [{ itemIndex, mandate }] = pending;
  try {
    const waitTill = new Date(Date.now() + timeoutMs(this, itemIndex));
    await iplusApiRequest.call(this, {
      method: 'POST',
      path: `/api/mandates/${encodeURIComponent(mandate.id)}/callbacks`,
      body: {
        url: callbackUrl(
          String(this.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex)),
          mandate.id,
        ),
      },
      itemIndex,
    });
    const timedOut = [{ json: statusOf(mandate), pairedItem: { item: itemIndex } }];
    emitOnTimeout(this, timedOut);
    await this.putExecutionToWait(waitTill);
    return [[], timedOut];
  } catch (error) {
    if (!this.continueOnFail()) throw errorForItem(this.getNode(), error, itemIndex);
    return [[failedItem(error, itemIndex)], []];
  }
}

async function readMandate(context: IExecuteFunctions, itemIndex: number): Promise<Mandate> {
  const mandateId = requiredText(
    context,
    {
      name: 'mandateId',
      displayName: 'Mandate ID',
      hint: 'Map the id of a mandate, such as {{ $json.id }} after Issue Mandate (it looks like M-000123-POL).',
    },
    itemIndex,
  );
  return (await iplusApiRequest.call(context, {
    method: 'GET',
    path: `/api/mandates/${encodeURIComponent(mandateId)}`,
    itemIndex,
  })) as Mandate;
}

function timeoutMs(context: IExecuteFunctions, itemIndex: number): number {
  const amount = Number(context.getNodeParameter('timeoutAmount', itemIndex));
  const unit = context.getNodeParameter('timeoutUnit', itemIndex) as keyof typeof TIMEOUT_UNITS;
  if (!Number.isFinite(amount) || amount <= 0 || !(unit in TIMEOUT_UNITS)) {
    throw new NodeOperationError(context.getNode(), `Timeout "${amount} ${unit}" is not a length of time`, {
      description: 'Set Timeout to a number above 0 and Timeout Unit to seconds, minutes, hours or days.',
      itemIndex,
    });
  }
  return amount * TIMEOUT_UNITS[unit];
}

function oneMandatePerExecution(
  context: IExecuteFunctions,
  itemCount: number,
  pending: Looked[],
): NodeOperationError {
  const ids = pending.map((p) => p.mandate.id).join(', ');
  return new NodeOperationError(
    context.getNode(),
    `Await Acknowledgement waits for one mandate per execution, but it got ${itemCount} items and ${pending.length} of their mandates are not acknowledged yet (${ids})`,
    {
      description:
        "Wait for each mandate in an execution of its own: call a sub-workflow once per mandate (Execute Workflow, mode 'Run once for each item', without waiting for it to finish), as the example workflow 'iplus: parquet intake' does.",
      itemIndex: pending[0].itemIndex,
    },
  );
}
