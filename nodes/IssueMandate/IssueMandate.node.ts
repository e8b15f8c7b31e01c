import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchRecipients } from '../Iplus/methods/search-recipients';
import * as issue from './actions/issue.operation';

const operations = { issue };

/** Issue Mandate: asks a police zone, justice house or monitoring centre to act on a decision. */
export class IssueMandate implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Issue Mandate',
    name: 'issueMandate',
    icon: { light: 'file:issueMandate.svg', dark: 'file:issueMandate.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle: '={{ $parameter["operation"] + ": " + $parameter["kind"] }}',
    description:
      'Issue an iplus mandate to a police zone, justice house or monitoring centre, routed automatically or to an agency you choose',
    defaults: { name: 'Issue Mandate' },
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
            name: 'Issue',
            value: 'issue',
            action: 'Issue a mandate',
            description: 'Issue a mandate for a decision',
          },
        ],
        default: 'issue',
      },
      ...issue.description,
    ],
  };

  methods = { listSearch: { searchRecipients } };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const operation = this.getNodeParameter('operation', 0) as keyof typeof operations;
    return [await operations[operation].execute.call(this)];
  }
}
