import { isoDate } from '../dates';
import type { EntitySpec } from '../search/entity-spec';
import { withNulls, keyString, sameValues, TENANT, TENANT_COLUMN } from './item';
import type { IncidentRow } from '../../state/incident-rows';

type Row = Omit<IncidentRow, 'resolve_time'>;

/** Zeebe's incident error types (the engine raises a subset of them). */
const ERROR_TYPES = sameValues(
  'UNSPECIFIED',
  'UNKNOWN',
  'IO_MAPPING_ERROR',
  'JOB_NO_RETRIES',
  'EXECUTION_LISTENER_NO_RETRIES',
  'TASK_LISTENER_NO_RETRIES',
  'AD_HOC_SUB_PROCESS_NO_RETRIES',
  'CONDITION_ERROR',
  'EXTRACT_VALUE_ERROR',
  'CALLED_ELEMENT_ERROR',
  'UNHANDLED_ERROR_EVENT',
  'MESSAGE_SIZE_EXCEEDED',
  'CALLED_DECISION_ERROR',
  'DECISION_EVALUATION_ERROR',
  'FORM_NOT_FOUND',
  'RESOURCE_NOT_FOUND',
);

/** `/v2/incidents`: every incident, ACTIVE until resolved. */
export const incidents: EntitySpec<Row> = {
  name: 'incidents',
  select:
    'i.key, i.state, i.error_type, i.error_message, i.process_instance_key, i.process_definition_key, ' +
    'i.bpmn_process_id, i.element_instance_key, i.element_id, i.job_key, i.creation_time',
  from: 'incident i',
  key: 'i.key',
  fields: {
    incidentKey: { column: 'i.key', kind: 'key' },
    processDefinitionId: { column: 'i.bpmn_process_id', kind: 'string' },
    processDefinitionKey: { column: 'i.process_definition_key', kind: 'key' },
    processInstanceKey: { column: 'i.process_instance_key', kind: 'key' },
    errorType: { column: 'i.error_type', kind: 'enum', values: ERROR_TYPES },
    errorMessage: { column: 'i.error_message', kind: 'string' },
    elementId: { column: 'i.element_id', kind: 'string' },
    elementInstanceKey: { column: 'i.element_instance_key', kind: 'key' },
    creationTime: { column: 'i.creation_time', kind: 'date' },
    state: {
      column: 'i.state',
      kind: 'enum',
      values: { ACTIVE: ['ACTIVE'], RESOLVED: ['RESOLVED'], MIGRATED: [], PENDING: [] },
    },
    jobKey: { column: 'i.job_key', kind: 'key', nullable: true },
    tenantId: { column: TENANT_COLUMN, kind: 'string' },
  },
  toItem: (r) =>
    withNulls({
      incidentKey: keyString(r.key),
      processDefinitionId: r.bpmn_process_id,
      processDefinitionKey: keyString(r.process_definition_key),
      processInstanceKey: keyString(r.process_instance_key),
      errorType: r.error_type,
      errorMessage: r.error_message,
      elementId: r.element_id,
      elementInstanceKey: keyString(r.element_instance_key),
      creationTime: isoDate(r.creation_time),
      state: r.state,
      jobKey: keyString(r.job_key),
      tenantId: TENANT,
    }),
};
