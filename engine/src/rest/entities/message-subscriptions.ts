import { isoDate } from '../dates';
import type { EntitySpec } from '../search/entity-spec';
import { withNulls, keyString, TENANT, TENANT_COLUMN } from './item';
import type { MessageSubscriptionRow } from '../../state/event-rows';

type Row = Omit<MessageSubscriptionRow, 'interrupting'>;

/**
 * `/v2/message-subscriptions`: what an instance waits for ("message MandateAcknowledged,
 * correlation key M-123"). CREATED is open; CORRELATED and DELETED are kept as history.
 */
export const messageSubscriptions: EntitySpec<Row> = {
  name: 'message subscriptions',
  select:
    'ms.key, ms.state, ms.message_name, ms.correlation_key, ms.process_instance_key, ms.element_instance_key, ' +
    'ms.element_id, ms.bpmn_process_id, ms.process_definition_key, ms.creation_time',
  from: 'message_subscription ms',
  key: 'ms.key',
  fields: {
    messageSubscriptionKey: { column: 'ms.key', kind: 'key' },
    processDefinitionId: { column: 'ms.bpmn_process_id', kind: 'string' },
    processDefinitionKey: { column: 'ms.process_definition_key', kind: 'key' },
    processInstanceKey: { column: 'ms.process_instance_key', kind: 'key' },
    elementId: { column: 'ms.element_id', kind: 'string' },
    elementInstanceKey: { column: 'ms.element_instance_key', kind: 'key' },
    messageSubscriptionState: {
      column: 'ms.state',
      kind: 'enum',
      values: { CREATED: ['CREATED'], CORRELATED: ['CORRELATED'], DELETED: ['DELETED'], MIGRATED: [] },
    },
    messageName: { column: 'ms.message_name', kind: 'string' },
    correlationKey: { column: 'ms.correlation_key', kind: 'string' },
    tenantId: { column: TENANT_COLUMN, kind: 'string' },
  },
  toItem: (r) =>
    withNulls({
      messageSubscriptionKey: keyString(r.key),
      processDefinitionId: r.bpmn_process_id,
      processDefinitionKey: keyString(r.process_definition_key),
      processInstanceKey: keyString(r.process_instance_key),
      elementId: r.element_id,
      elementInstanceKey: keyString(r.element_instance_key),
      messageSubscriptionState: r.state,
      // the engine records when a subscription opened, not when it was correlated or deleted
      lastUpdatedDate: isoDate(r.creation_time),
      messageName: r.message_name,
      correlationKey: r.correlation_key,
      tenantId: TENANT,
    }),
};
