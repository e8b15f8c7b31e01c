import { isoDate } from '../dates';
import { filterCondition } from '../search/filter-property';
import type { EntitySpec, Sql } from '../search/entity-spec';
import { withNulls, keyString, sameValues, TENANT, TENANT_COLUMN } from './item';
import type { UserTaskRow } from '../../state/user-task-rows';

type Row = UserTaskRow & { process_name: string | null };

/** `candidateGroup` / `candidateUser`: a task whose list holds a matching value. */
const memberFilter =
  (column: string): ((value: unknown, where: string) => Sql) =>
  (value, where) => {
    const condition = filterCondition({ column: 'm.value', kind: 'string' }, value, where);
    return {
      sql: `EXISTS (SELECT 1 FROM json_each(${column}) m WHERE ${condition.sql})`,
      params: condition.params,
    };
  };

/** `/v2/user-tasks`: Camunda user tasks (`zeebe:userTask`), kept after they end. */
export const userTasks: EntitySpec<Row> = {
  name: 'user tasks',
  select:
    'u.*, (SELECT pd.name FROM process_definition pd WHERE pd.key = u.process_definition_key) AS process_name',
  from: 'user_task u',
  key: 'u.key',
  fields: {
    userTaskKey: { column: 'u.key', kind: 'key' },
    state: {
      column: 'u.state',
      kind: 'enum',
      values: { ...sameValues('CREATED', 'COMPLETED', 'CANCELED'), FAILED: [] },
    },
    name: { column: 'u.name', kind: 'string', nullable: true },
    assignee: { column: 'u.assignee', kind: 'string', nullable: true },
    elementId: { column: 'u.element_id', kind: 'string' },
    elementInstanceKey: { column: 'u.element_instance_key', kind: 'key' },
    processDefinitionId: { column: 'u.bpmn_process_id', kind: 'string' },
    processDefinitionKey: { column: 'u.process_definition_key', kind: 'key' },
    processInstanceKey: { column: 'u.process_instance_key', kind: 'key' },
    creationDate: { column: 'u.creation_date', kind: 'date' },
    completionDate: { column: 'u.completion_date', kind: 'date', nullable: true },
    dueDate: { column: 'u.due_date', kind: 'date', nullable: true },
    followUpDate: { column: 'u.follow_up_date', kind: 'date', nullable: true },
    priority: { column: 'u.priority', kind: 'int' },
    tenantId: { column: TENANT_COLUMN, kind: 'string' },
  },
  customFilters: {
    candidateGroup: memberFilter('u.candidate_groups'),
    candidateUser: memberFilter('u.candidate_users'),
  },
  toItem: (r) =>
    withNulls({
      userTaskKey: keyString(r.key),
      name: r.name ?? r.element_id,
      state: r.state,
      assignee: r.assignee,
      elementId: r.element_id,
      elementInstanceKey: keyString(r.element_instance_key),
      candidateGroups: JSON.parse(r.candidate_groups) as string[],
      candidateUsers: JSON.parse(r.candidate_users) as string[],
      processDefinitionId: r.bpmn_process_id,
      processDefinitionKey: keyString(r.process_definition_key),
      processDefinitionVersion: r.process_definition_version,
      processInstanceKey: keyString(r.process_instance_key),
      processName: r.process_name,
      formKey: keyString(r.form_key),
      externalFormReference: r.external_form_reference,
      creationDate: isoDate(r.creation_date),
      completionDate: isoDate(r.completion_date),
      dueDate: isoDate(r.due_date),
      followUpDate: isoDate(r.follow_up_date),
      priority: r.priority,
      customHeaders: JSON.parse(r.custom_headers) as Record<string, string>,
      tenantId: TENANT,
      tags: [],
    }),
};
