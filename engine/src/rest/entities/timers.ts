import { isoDate } from '../dates';
import type { EntitySpec } from '../search/entity-spec';
import { withNulls, keyString, TENANT, TENANT_COLUMN } from './item';
import type { TimerRow } from '../../state/event-rows';

type Row = TimerRow & { bpmn_process_id: string | null };

/**
 * iplus extension `POST /v2/x-iplus/timers/search`: the timers waiting to fire ("waiting for
 * timer due at ..."). Camunda's v2 API has no timer search. A timer row exists while it waits
 * (CREATED); it is removed once it fired for the last time or its element ended.
 */
export const timers: EntitySpec<Row> = {
  name: 'timers',
  select:
    't.key, t.state, t.due_date, t.repetitions, t.interval, t.element_id, t.process_definition_key, ' +
    'pd.bpmn_process_id, t.process_instance_key, t.element_instance_key',
  from: 'timer t LEFT JOIN process_definition pd ON pd.key = t.process_definition_key',
  key: 't.key',
  fields: {
    timerKey: { column: 't.key', kind: 'key' },
    state: { column: 't.state', kind: 'enum', values: { CREATED: ['CREATED'] } },
    dueDate: { column: 't.due_date', kind: 'date' },
    repetitions: { column: 't.repetitions', kind: 'int' },
    elementId: { column: 't.element_id', kind: 'string' },
    processDefinitionKey: { column: 't.process_definition_key', kind: 'key' },
    processDefinitionId: { column: 'pd.bpmn_process_id', kind: 'string', nullable: true },
    processInstanceKey: { column: 't.process_instance_key', kind: 'key', nullable: true },
    elementInstanceKey: { column: 't.element_instance_key', kind: 'key', nullable: true },
    tenantId: { column: TENANT_COLUMN, kind: 'string' },
  },
  toItem: (r) =>
    withNulls({
      timerKey: keyString(r.key),
      state: r.state,
      dueDate: isoDate(r.due_date),
      // -1: repeats forever (R/...), as the engine stores an unbounded cycle
      repetitions: r.repetitions,
      interval: r.interval,
      elementId: r.element_id,
      processDefinitionKey: keyString(r.process_definition_key),
      processDefinitionId: r.bpmn_process_id,
      processInstanceKey: keyString(r.process_instance_key),
      elementInstanceKey: keyString(r.element_instance_key),
      tenantId: TENANT,
    }),
};
