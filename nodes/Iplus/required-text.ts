import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * A text parameter the operation cannot do without, trimmed. Empty (often an expression that found
 * nothing in the item) stops the item with a message naming the parameter and what to put there.
 */
export function requiredText(
  context: IExecuteFunctions,
  parameter: { name: string; displayName: string; hint: string },
  itemIndex: number,
): string {
  const value = context.getNodeParameter(parameter.name, itemIndex, '', { extractValue: true }) as unknown;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!text) {
    throw new NodeOperationError(context.getNode(), `${parameter.displayName} is empty`, {
      description: parameter.hint,
      itemIndex,
    });
  }
  return text;
}
