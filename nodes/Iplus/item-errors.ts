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

/**
 * The output item that takes a failed item's place when the node is set to continue on fail: n8n's
 * shape for it, `{ error, details }`, which "continue (using error output)" routes to the node's error
 * output. (Not the error object itself on the item: n8n would then keep only its message.)
 */
export function failedItem(error: unknown, itemIndex: number): INodeExecutionData {
  const { message, description } = error as Error & { description?: string | null };
  const json: IDataObject = { error: message };
  if (description) json.details = description;
  return { json, pairedItem: { item: itemIndex } };
}
