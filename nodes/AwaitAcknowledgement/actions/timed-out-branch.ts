import type { IExecuteFunctions, INodeExecutionData, ITaskMetadata } from 'n8n-workflow';

/**
 * The stack-entry flag n8n's waiting webhooks set (ITaskMetadata.forwardAllOutputs in n8n-workflow of
 * n8n 2.x; not yet in the n8n-workflow types this package compiles against).
 */
type ForwardAllOutputs = ITaskMetadata & { forwardAllOutputs: true };

/**
 * Makes a timeout come out of the Timed Out output, without a timer in the node.
 *
 * When the wait ends on its time limit, n8n does not run the node again: it marks the waiting node
 * disabled and forwards the node's own input data, first branch only (n8n's Wait node relies on this
 * to pass its items on). Given the `forwardAllOutputs` flag — the one n8n sets when a waiting webhook
 * resumes a node — it forwards every branch instead. So, before waiting, the node replaces its input
 * with the branches a timeout must emit (nothing on Acknowledged, `timedOut` on Timed Out) and sets
 * that flag. When the acknowledgement arrives first, n8n replaces both with the output of the node's
 * webhook, and the timeout branches are never seen.
 */
export function emitOnTimeout(context: IExecuteFunctions, timedOut: INodeExecutionData[]): void {
  context.getExecuteData().data.main = [[], timedOut];
  context.setMetadata({ forwardAllOutputs: true } as ForwardAllOutputs);
}
