import type {
  IExecuteFunctions,
  INodeExecutionData,
  INodeType,
  INodeTypeDescription,
  IWebhookFunctions,
  IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { webhook } from './actions/resume.webhook';
import * as wait from './actions/wait.operation';

const operations = { wait };

/**
 * Await Acknowledgement: pauses the workflow until the recipient acknowledges a mandate (output
 * Acknowledged) or the timeout passes (output Timed Out), without keeping anything running meanwhile.
 */
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete -- not a trigger: its only webhook is n8n's resume URL of a waiting execution (restartWebhook), which n8n serves itself; there is nothing to create or delete on a third-party service
export class AwaitAcknowledgement implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Await Acknowledgement',
    name: 'awaitAcknowledgement',
    icon: { light: 'file:awaitAcknowledgement.svg', dark: 'file:awaitAcknowledgement.dark.svg' },
    group: ['organization'],
    version: 1,
    subtitle:
      '={{ $parameter["operation"] + ": up to " + $parameter["timeoutAmount"] + " " + $parameter["timeoutUnit"] }}',
    description:
      'Wait until the recipient of an iplus mandate acknowledges it, or until a timeout: two outputs, Acknowledged and Timed Out',
    defaults: { name: 'Await Acknowledgement' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
    outputNames: ['Acknowledged', 'Timed Out'],
    credentials: [{ name: 'iplusApi', required: true }],
    webhooks: [
      {
        name: 'default',
        httpMethod: 'POST',
        responseMode: 'onReceived',
        path: '',
        restartWebhook: true,
        isFullPath: true,
      },
    ],
    properties: [
      {
        displayName: 'Operation',
        name: 'operation',
        type: 'options',
        noDataExpression: true,
        options: [
          {
            name: 'Wait',
            value: 'wait',
            action: 'Wait for a mandate to be acknowledged',
            description: 'Wait until the mandate is acknowledged, or until the timeout',
          },
        ],
        default: 'wait',
      },
      ...wait.description,
    ],
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const operation = this.getNodeParameter('operation', 0) as keyof typeof operations;
    return await operations[operation].execute.call(this);
  }

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    return await webhook.call(this);
  }
}
