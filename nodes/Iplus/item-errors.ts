import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * The error to stop the node with when item `itemIndex` fails: n8n's own errors (the platform's
 * problems, the user's bad input) keep their message and learn the item index; anything else is a
 * bug in the node, wrapped so that the user still sees which item it hit.
 */
export function errorForItem(
  node: INode,
  error: unknown,
  itemIndex: number,
): NodeApiError | NodeOperationError {
  if (error instanceof NodeApiError || error instanceof NodeOperationError) {
    error.context.itemIndex ??= itemIndex;
    return error;
  }
  return new NodeOperationError(node, error as Error, { itemIndex });
}

/** The output item that takes a failed item's place when the node is set to continue on fail. */
export function failedItem(error: unknown, itemIndex: number): INodeExecutionData {
  const { message, description, httpCode } = error as Error & {
    description?: string | null;
    httpCode?: string | null;
  };
  const json: IDataObject = { error: message };
  if (description) json.description = description;
  if (httpCode) json.httpCode = httpCode;
  return { json, pairedItem: { item: itemIndex } };
}
