import type { IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MANDATE_KINDS, type MandateKind } from './api-types';

/** The kinds of mandate (the contract's MANDATE_KINDS), as the Kind parameter offers them. */
export const MANDATE_KIND_OPTIONS: Array<INodePropertyOptions & { value: MandateKind }> = [
  {
    name: 'Police Check',
    value: 'police_check',
    description: 'The police zone of the domicile verifies the address and holds an interview',
  },
  {
    name: 'Guidance',
    value: 'guidance',
    description: 'The justice house guides the person',
  },
  {
    name: 'Monitoring',
    value: 'monitoring',
    description: 'The monitoring centre puts electronic monitoring in place',
  },
];

/** The item's Kind parameter, checked: an expression may produce anything. */
export function mandateKind(context: IExecuteFunctions, itemIndex: number): MandateKind {
  const kind = context.getNodeParameter('kind', itemIndex) as string;
  if (!(MANDATE_KINDS as readonly string[]).includes(kind)) {
    throw new NodeOperationError(context.getNode(), `Kind "${kind}" is not a kind of mandate`, {
      description: `Use one of ${MANDATE_KINDS.join(', ')}.`,
      itemIndex,
    });
  }
  return kind as MandateKind;
}
