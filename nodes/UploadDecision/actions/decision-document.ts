import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The decision PDF as the API's JSON upload takes it. */
export type DecisionDocument = { fileName: string; contentBase64: string };

const PDF_MAGIC = '%PDF-';

/**
 * Reads the decision PDF of item `itemIndex` from its binary field (through getBinaryDataBuffer, so
 * it works whichever binary data mode n8n runs in). A missing field or a file that is not a PDF stops
 * the item with a message saying which fields the item has, or what the file is.
 */
export async function decisionDocument(
  context: IExecuteFunctions,
  itemIndex: number,
  binaryField: string,
  fallbackFileName: string,
): Promise<DecisionDocument> {
  const binary = context.getInputData()[itemIndex]?.binary ?? {};
  const meta = binary[binaryField];
  if (!meta) {
    const present = Object.keys(binary);
    throw new NodeOperationError(context.getNode(), `The item has no binary field "${binaryField}"`, {
      description: present.length
        ? `Set Input Binary Field to the field that holds the decision PDF; this item has: ${present.join(', ')}.`
        : 'The decision PDF must come in as binary data: from a form or webhook with a file field, or a Read File node.',
      itemIndex,
    });
  }
  const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, binaryField);
  if (buffer.subarray(0, PDF_MAGIC.length).toString('latin1') !== PDF_MAGIC) {
    const what = [meta.fileName, meta.mimeType].filter(Boolean).join(', ');
    throw new NodeOperationError(
      context.getNode(),
      `The file in "${binaryField}"${what ? ` (${what})` : ''} is not a PDF`,
      {
        description: 'Upload the signed decision as a PDF file.',
        itemIndex,
      },
    );
  }
  return {
    fileName: meta.fileName || fallbackFileName,
    contentBase64: buffer.toString('base64'),
  };
}
