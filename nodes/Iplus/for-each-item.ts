import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorForItem, failedItem } from './item-errors';

/**
 * Runs an operation once per input item and pairs each result with its item. When an item fails,
 * the node stops with an error that names the item, or, set to continue on fail, outputs an error
 * item in its place and goes on with the next.
 */
export async function forEachItem(
  this: IExecuteFunctions,
  runForItem: (itemIndex: number) => Promise<IDataObject>,
): Promise<INodeExecutionData[]> {
  const output: INodeExecutionData[] = [];
  const items = this.getInputData();
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    try {
      output.push({ json: await runForItem(itemIndex), pairedItem: { item: itemIndex } });
    } catch (error) {
      if (this.continueOnFail()) {
        output.push(failedItem(error, itemIndex));
        continue;
      }
      throw errorForItem(this.getNode(), error, itemIndex);
    }
  }
  return output;
}
