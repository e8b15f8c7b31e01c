import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requiredText } from './required-text';

/** The Decision ID parameter of the nodes that act on a decision the platform already holds. */
export const decisionIdProperty: INodeProperties = {
  displayName: 'Decision ID',
  name: 'decisionId',
  type: 'string',
  required: true,
  default: '',
  placeholder: 'e.g. D-000123',
  description: 'The decision, as Upload Decision outputs it',
};

/** The item's Decision ID; empty stops the item with a message saying what to map there. */
export function decisionId(context: IExecuteFunctions, itemIndex: number): string {
  return requiredText(
    context,
    {
      name: decisionIdProperty.name,
      displayName: decisionIdProperty.displayName,
      hint: 'Map the id of a decision, such as {{ $json.id }} after Upload Decision (it looks like D-000123).',
    },
    itemIndex,
  );
}
