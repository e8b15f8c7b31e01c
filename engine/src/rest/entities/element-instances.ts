import { isoDate } from '../dates';
import type { EntitySpec } from '../search/entity-spec';
import type { ElementNames } from './element-names';
import { withNulls, keyString, sameValues, TENANT, TENANT_COLUMN } from './item';
import type { ElementInstanceRow } from '../../state/instance-rows';

type Row = Omit<ElementInstanceRow, 'flow_scope_key' | 'data'>;

/** Element types of Camunda's ElementInstanceResult (the engine stores the same names). */
const TYPES = sameValues(
  'UNSPECIFIED',
  'PROCESS',
  'SUB_PROCESS',
  'EVENT_SUB_PROCESS',
  'AD_HOC_SUB_PROCESS',
  'START_EVENT',
  'INTERMEDIATE_CATCH_EVENT',
  'INTERMEDIATE_THROW_EVENT',
  'BOUNDARY_EVENT',
  'END_EVENT',
  'SERVICE_TASK',
  'RECEIVE_TASK',
  'USER_TASK',
  'MANUAL_TASK',
  'TASK',
  'EXCLUSIVE_GATEWAY',
  'INCLUSIVE_GATEWAY',
  'PARALLEL_GATEWAY',
  'EVENT_BASED_GATEWAY',
  'SEQUENCE_FLOW',
  'MULTI_INSTANCE_BODY',
  'CALL_ACTIVITY',
  'BUSINESS_RULE_TASK',
  'SCRIPT_TASK',
  'SEND_TASK',
  'UNKNOWN',
);

/** The engine's lifecycle states, as the three the v2 API reports. */
const STATES: Record<string, string[]> = {
  ACTIVE: ['ACTIVATING', 'ACTIVATED', 'COMPLETING'],
  COMPLETED: ['COMPLETED'],
  TERMINATED: ['TERMINATED'],
};

function apiState(state: string): string {
  return state === 'COMPLETED' || state === 'TERMINATED' ? state : 'ACTIVE';
}

/** `/v2/element-instances`: every element instance, kept after it ends (an instance's path). */
export function elementInstances(names: ElementNames): EntitySpec<Row> {
  return {
    name: 'element instances',
    select:
      'ei.key, ei.process_instance_key, ei.process_definition_key, ei.bpmn_process_id, ei.element_id, ' +
      'ei.element_type, ei.state, ei.start_time, ei.end_time, ei.incident_key',
    from: 'element_instance ei',
    key: 'ei.key',
    fields: {
      elementInstanceKey: { column: 'ei.key', kind: 'key' },
      processInstanceKey: { column: 'ei.process_instance_key', kind: 'key' },
      processDefinitionKey: { column: 'ei.process_definition_key', kind: 'key' },
      processDefinitionId: { column: 'ei.bpmn_process_id', kind: 'string' },
      elementId: { column: 'ei.element_id', kind: 'string' },
      type: { column: 'ei.element_type', kind: 'enum', values: TYPES },
      state: { column: 'ei.state', kind: 'enum', values: STATES },
      startDate: { column: 'ei.start_time', kind: 'date' },
      endDate: { column: 'ei.end_time', kind: 'date', nullable: true },
      hasIncident: { column: 'ei.incident_key IS NOT NULL', kind: 'bool' },
      incidentKey: { column: 'ei.incident_key', kind: 'key', nullable: true },
      elementInstanceScopeKey: { column: 'ei.flow_scope_key', kind: 'key', sortable: false },
      tenantId: { column: TENANT_COLUMN, kind: 'string' },
    },
    toItem: (r) =>
      withNulls({
        elementInstanceKey: keyString(r.key),
        processInstanceKey: keyString(r.process_instance_key),
        processDefinitionKey: keyString(r.process_definition_key),
        processDefinitionId: r.bpmn_process_id,
        elementId: r.element_id,
        elementName: names.of(r.process_definition_key, r.element_id),
        type: r.element_type,
        state: apiState(r.state),
        startDate: isoDate(r.start_time),
        endDate: isoDate(r.end_time),
        hasIncident: r.incident_key !== null,
        incidentKey: keyString(r.incident_key),
        tenantId: TENANT,
      }),
  };
}
