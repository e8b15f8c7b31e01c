import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as upload from './actions/upload.operation';

const operations = { upload };

/** Upload Decision: a parquet hands a release decision (PDF and fields) to iplus, which routes it. */
export class UploadDecision implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Upload Decision',
    name: 'uploadDecision',
    icon: { light: 'file:uploadDecision.svg', dark: 'file:uploadDecision.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle: '={{ $parameter["operation"] + ": decision" }}',
    description:
      'Upload a release decision to iplus: the PDF and its fields. The platform flags the person and mandates the police zone and justice house.',
    defaults: { name: 'Upload Decision' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'iplusApi', required: true }],
    properties: [
      {
        displayName: 'Operation',
        name: 'operation',
        type: 'options',
        noDataExpression: true,
        options: [
          {
            name: 'Upload',
            value: 'upload',
            action: 'Upload a decision',
            description: 'Upload a decision and its PDF',
          },
        ],
        default: 'upload',
      },
      ...upload.description,
    ],
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const operation = this.getNodeParameter('operation', 0) as keyof typeof operations;
    return [await operations[operation].execute.call(this)];
  }
}
