import { isoDate } from '../dates';
import { badRequest } from '../problem';
import type { EntitySpec, Sql } from '../search/entity-spec';
import { filterCondition } from '../search/filter-property';
import { withNulls, keyString, sameValues, TENANT, TENANT_COLUMN } from './item';
import type { ProcessInstanceRow } from '../../state/instance-rows';

type Row = Omit<ProcessInstanceRow, 'data'> & { pd_name: string | null; version_tag: string | null };

/** Length of the value prefix held by the `variable_by_name_value` index (state/schema.ts). */
export const VARIABLE_VALUE_PREFIX = 100;

/**
 * `filter.variables: [{ name, value }]`: instances having each variable (in any scope) with that
 * JSON value (`value` is a string filter: exact JSON text such as "\"M-123\"", or $like ...).
 * Driven by the variable index, so a rare value finds its instances without a scan.
 */
function variablesFilter(value: unknown, where: string): Sql {
  if (!Array.isArray(value)) {
    throw badRequest(`${where} must be an array such as [{ "name": "mandateId", "value": "\\"M-123\\"" }]`);
  }
  const parts = value.map((v: unknown, i) => {
    const entry = v as { name?: unknown; value?: unknown } | null;
    if (typeof entry?.name !== 'string' || entry.value === undefined) {
      throw badRequest(`${where}[${i}] must have a name (string) and a value (the variable's JSON text)`);
    }
    const exact = typeof entry.value === 'string' ? entry.value : (entry.value as { $eq?: unknown }).$eq;
    const valueCondition = filterCondition(
      { column: 'v.value', kind: 'string' },
      entry.value,
      `${where}[${i}].value`,
    );
    const prefix =
      typeof exact === 'string'
        ? ` AND substr(v.value, 1, ${VARIABLE_VALUE_PREFIX}) = substr(?, 1, ${VARIABLE_VALUE_PREFIX})`
        : '';
    return {
      sql: `pi.key IN (SELECT v.process_instance_key FROM variable v WHERE v.name = ?${prefix} AND ${valueCondition.sql})`,
      params: [entry.name, ...(prefix ? [exact] : []), ...valueCondition.params],
    };
  });
  if (parts.length === 0) return { sql: '1', params: [] };
  return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
}

/** `/v2/process-instances`. */
export const processInstances: EntitySpec<Row> = {
  name: 'process instances',
  select:
    'pi.key, pi.bpmn_process_id, pd.name AS pd_name, pi.version, pd.version_tag, pi.process_definition_key, ' +
    'pi.parent_process_instance_key, pi.parent_element_instance_key, pi.start_time, pi.end_time, pi.state, pi.incident_count',
  from: 'process_instance pi LEFT JOIN process_definition pd ON pd.key = pi.process_definition_key',
  key: 'pi.key',
  fields: {
    processInstanceKey: { column: 'pi.key', kind: 'key' },
    processDefinitionId: { column: 'pi.bpmn_process_id', kind: 'string' },
    processDefinitionName: { column: 'pd.name', kind: 'string', nullable: true },
    processDefinitionVersion: { column: 'pi.version', kind: 'int' },
    processDefinitionVersionTag: { column: 'pd.version_tag', kind: 'string', nullable: true },
    processDefinitionKey: { column: 'pi.process_definition_key', kind: 'key' },
    parentProcessInstanceKey: { column: 'pi.parent_process_instance_key', kind: 'key', nullable: true },
    parentElementInstanceKey: { column: 'pi.parent_element_instance_key', kind: 'key', nullable: true },
    startDate: { column: 'pi.start_time', kind: 'date' },
    endDate: { column: 'pi.end_time', kind: 'date', nullable: true },
    state: { column: 'pi.state', kind: 'enum', values: sameValues('ACTIVE', 'COMPLETED', 'TERMINATED') },
    hasIncident: { column: 'pi.incident_count > 0', kind: 'bool' },
    tenantId: { column: TENANT_COLUMN, kind: 'string' },
  },
  customFilters: { variables: variablesFilter },
  toItem: (r) =>
    withNulls({
      processInstanceKey: keyString(r.key),
      processDefinitionId: r.bpmn_process_id,
      processDefinitionName: r.pd_name,
      processDefinitionVersion: r.version,
      processDefinitionVersionTag: r.version_tag,
      processDefinitionKey: keyString(r.process_definition_key),
      parentProcessInstanceKey: keyString(r.parent_process_instance_key),
      parentElementInstanceKey: keyString(r.parent_element_instance_key),
      startDate: isoDate(r.start_time),
      endDate: isoDate(r.end_time),
      state: r.state,
      hasIncident: r.incident_count > 0,
      tenantId: TENANT,
      tags: [],
      businessId: null,
    }),
};
