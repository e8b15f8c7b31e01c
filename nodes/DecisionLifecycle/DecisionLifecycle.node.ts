import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as announceRelease from './actions/announce-release.operation';
import * as recordMove from './actions/record-move.operation';
import * as revise from './actions/revise.operation';
import * as revoke from './actions/revoke.operation';

const operations = { revise, revoke, recordMove, announceRelease };

/**
 * Decision Lifecycle: what a parquet's, a police zone's or a prison's system tells the platform about
 * a running measure — revise or revoke it, record a move, announce a release.
 */
export class DecisionLifecycle implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Decision Lifecycle',
    name: 'decisionLifecycle',
    icon: { light: 'file:decisionLifecycle.svg', dark: 'file:decisionLifecycle.dark.svg' },
    group: ['output'],
    version: 1,
    subtitle: '={{ $parameter["operation"] + ": decision" }}',
    description:
      "Revise or revoke a measure, record a person's move, or announce a release from prison, in iplus",
    defaults: { name: 'Decision Lifecycle' },
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
            name: 'Announce Release',
            value: 'announceRelease',
            action: 'Announce a release from prison',
            description: "A prison announces the actual release; the mandates' deadlines count from it",
          },
          {
            name: 'Record Move',
            value: 'recordMove',
            action: 'Record a move',
            description:
              'Record the new domicile; the case is re-routed to the new police zone and justice house',
          },
          {
            name: 'Revise',
            value: 'revise',
            action: 'Revise a measure',
            description: 'New conditions and/or a new end; the recipients and the signalement follow',
          },
          {
            name: 'Revoke',
            value: 'revoke',
            action: 'Revoke a measure',
            description: 'Everything ends now; the police zone is told at once',
          },
        ],
        default: 'revise',
      },
      ...revise.description,
      ...revoke.description,
      ...recordMove.description,
      ...announceRelease.description,
    ],
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const operation = this.getNodeParameter('operation', 0) as keyof typeof operations;
    return [await operations[operation].execute.call(this)];
  }
}
