import { invalidArgument, notFound } from '../errors';
import { TENANT } from '../runtime/jobs';
import type { Runtime } from '../runtime/runtime';
import { parseVariables } from './request-parsing';

export interface MessageRequest {
  name: string;
  correlationKey?: string;
  timeToLive?: number;
  messageId?: string;
  variables?: string;
}

/** PublishMessage inside a command: correlates what waits for it, buffers it for its time to live. */
export function publishMessage(runtime: Runtime, req: MessageRequest): { key: string; tenantId: string } {
  if (!req.name?.trim()) throw invalidArgument('Expected a message name, but it was blank');
  const key = runtime.messages.publish({
    name: req.name,
    correlationKey: req.correlationKey ?? '',
    timeToLive: Math.max(0, req.timeToLive ?? 0),
    messageId: req.messageId ?? '',
    variables: parseVariables(req.variables),
  });
  return { key: String(key), tenantId: TENANT };
}

/**
 * The REST API's message correlation: the message goes to what waits for it now (subscriptions,
 * then message start events) and is not buffered; refused with NOT_FOUND when nothing takes it.
 */
export function correlateMessage(
  runtime: Runtime,
  req: MessageRequest,
): { key: string; tenantId: string; processInstanceKey: string } {
  if (!req.name?.trim()) throw invalidArgument('Expected a message name, but it was blank');
  const correlationKey = req.correlationKey ?? '';
  const r = runtime.messages.publishAndCorrelate({
    name: req.name,
    correlationKey,
    timeToLive: 0,
    messageId: '',
    variables: parseVariables(req.variables),
  });
  const [instanceKey] = r.correlated.values();
  if (instanceKey === undefined) {
    throw notFound(
      `Expected to find subscription for message with name '${req.name}' and correlation key '${correlationKey}', but none was found.`,
    );
  }
  return { key: String(r.key), tenantId: TENANT, processInstanceKey: String(instanceKey) };
}
