import { isoDate } from '../dates';
import type { EntitySpec } from '../search/entity-spec';
import { withNulls, keyString, TENANT, TENANT_COLUMN } from './item';
import type { JobRow } from '../../state/instance-rows';

type Row = Omit<JobRow, 'process_definition_version' | 'retry_at'>;

/**
 * Camunda's job states and the engine's: a job waiting for a worker or held by one is CREATED
 * (Camunda has no ACTIVATED state); the engine keeps no record of RETRIES_UPDATED, TIMED_OUT or
 * MIGRATED as states, so those match nothing.
 */
const STATES: Record<string, string[]> = {
  CREATED: ['ACTIVATABLE', 'ACTIVATED'],
  COMPLETED: ['COMPLETED'],
  FAILED: ['FAILED'],
  RETRIES_UPDATED: [],
  TIMED_OUT: [],
  CANCELED: ['CANCELED'],
  ERROR_THROWN: ['ERROR_THROWN'],
  MIGRATED: [],
};

function apiState(state: string): string {
  return state === 'ACTIVATABLE' || state === 'ACTIVATED' ? 'CREATED' : state;
}

/** The deadline only means something while a worker holds the job. */
const DEADLINE = "CASE WHEN j.state = 'ACTIVATED' THEN j.deadline END";
const FAILED_WITH_RETRIES_LEFT =
  "j.error_message IS NOT NULL AND j.retries > 0 AND j.state <> 'COMPLETED' AND j.state <> 'CANCELED'";

/** `/v2/jobs`: every job (service tasks, user tasks as jobs, ...), kept after it ends. */
export const jobs: EntitySpec<Row> = {
  name: 'jobs',
  select:
    'j.key, j.type, j.state, j.worker, j.retries, j.deadline, j.creation_time, j.end_time, j.error_code, j.error_message, ' +
    'j.custom_headers, j.bpmn_process_id, j.process_definition_key, j.process_instance_key, j.element_id, j.element_instance_key',
  from: 'job j',
  key: 'j.key',
  fields: {
    jobKey: { column: 'j.key', kind: 'key' },
    type: { column: 'j.type', kind: 'string' },
    worker: { column: 'j.worker', kind: 'string', nullable: true },
    state: { column: 'j.state', kind: 'enum', values: STATES },
    kind: {
      column: "'BPMN_ELEMENT'",
      kind: 'enum',
      values: { BPMN_ELEMENT: ['BPMN_ELEMENT'], EXECUTION_LISTENER: [], TASK_LISTENER: [] },
    },
    listenerEventType: {
      column: "'UNSPECIFIED'",
      kind: 'enum',
      values: {
        UNSPECIFIED: ['UNSPECIFIED'],
        START: [],
        END: [],
        CREATING: [],
        ASSIGNING: [],
        UPDATING: [],
        COMPLETING: [],
        CANCELING: [],
      },
    },
    retries: { column: 'j.retries', kind: 'int' },
    deadline: { column: DEADLINE, kind: 'date', nullable: true },
    endTime: { column: 'j.end_time', kind: 'date', nullable: true },
    creationTime: { column: 'j.creation_time', kind: 'date' },
    errorCode: { column: 'j.error_code', kind: 'string', nullable: true },
    errorMessage: { column: 'j.error_message', kind: 'string', nullable: true },
    hasFailedWithRetriesLeft: { column: FAILED_WITH_RETRIES_LEFT, kind: 'bool' },
    processDefinitionId: { column: 'j.bpmn_process_id', kind: 'string' },
    processDefinitionKey: { column: 'j.process_definition_key', kind: 'key' },
    processInstanceKey: { column: 'j.process_instance_key', kind: 'key' },
    elementId: { column: 'j.element_id', kind: 'string' },
    elementInstanceKey: { column: 'j.element_instance_key', kind: 'key' },
    tenantId: { column: TENANT_COLUMN, kind: 'string' },
  },
  toItem: (r) =>
    withNulls({
      jobKey: keyString(r.key),
      type: r.type,
      worker: r.worker ?? '',
      state: apiState(r.state),
      kind: 'BPMN_ELEMENT',
      listenerEventType: 'UNSPECIFIED',
      retries: r.retries,
      deadline: r.state === 'ACTIVATED' ? isoDate(r.deadline) : undefined,
      endTime: isoDate(r.end_time),
      errorCode: r.error_code,
      errorMessage: r.error_message,
      hasFailedWithRetriesLeft:
        r.error_message !== null && r.retries > 0 && r.state !== 'COMPLETED' && r.state !== 'CANCELED',
      customHeaders: JSON.parse(r.custom_headers) as Record<string, string>,
      isDenied: null,
      deniedReason: null,
      creationTime: isoDate(r.creation_time),
      lastUpdateTime: isoDate(r.end_time ?? r.creation_time),
      processDefinitionId: r.bpmn_process_id,
      processDefinitionKey: keyString(r.process_definition_key),
      processInstanceKey: keyString(r.process_instance_key),
      elementId: r.element_id,
      elementInstanceKey: keyString(r.element_instance_key),
      tenantId: TENANT,
    }),
};
