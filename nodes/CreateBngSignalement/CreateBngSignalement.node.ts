import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as create from './actions/create.operation';

const operations = { create };

/** Create BNG Signalement: flags the person of a decision in the police national database (BNG/ANG). */
export class CreateBngSignalement implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Create BNG Signalement',
    name: 'createBngSignalement',
    icon: { light: 'file:createBngSignalement.svg', dark: 'file:createBngSignalement.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle: '={{ $parameter["operation"] + ": signalement" }}',
    description:
      'Create the BNG signalement of an iplus decision: the person and the conditions, flagged for the police',
    defaults: { name: 'Create BNG Signalement' },
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
            name: 'Create',
            value: 'create',
            action: 'Create a BNG signalement',
            description: 'Create the signalement of a decision (once per decision)',
          },
        ],
        default: 'create',
      },
      ...create.description,
    ],
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const operation = this.getNodeParameter('operation', 0) as keyof typeof operations;
    return [await operations[operation].execute.call(this)];
  }
}
