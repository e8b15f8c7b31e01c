import type { EntitySpec } from '../search/entity-spec';
import { withNulls, keyString, TENANT, TENANT_COLUMN } from './item';
import type { VariableRow } from '../../state/instance-rows';

type Row = VariableRow;

/** Search results cut a value's JSON text at this length, as Camunda does; GET gives it whole. */
export const TRUNCATE_AT = 8191;

const columns = {
  variableKey: { column: 'v.key', kind: 'key' },
  name: { column: 'v.name', kind: 'string' },
  value: { column: 'v.value', kind: 'string' },
  scopeKey: { column: 'v.scope_key', kind: 'key' },
  processInstanceKey: { column: 'v.process_instance_key', kind: 'key' },
  tenantId: { column: TENANT_COLUMN, kind: 'string' },
  isTruncated: { column: `length(v.value) > ${TRUNCATE_AT}`, kind: 'bool', sortable: false },
} as const;

/** `/v2/variables`: one per name and scope (process instance or element instance). */
export const variables: EntitySpec<Row> = {
  name: 'variables',
  select: 'v.key, v.name, v.value, v.scope_key, v.process_instance_key',
  from: 'variable v',
  key: 'v.key',
  fields: columns,
  toItem: (r) =>
    withNulls({
      variableKey: keyString(r.key),
      name: r.name,
      value: r.value.length > TRUNCATE_AT ? r.value.slice(0, TRUNCATE_AT) : r.value,
      isTruncated: r.value.length > TRUNCATE_AT,
      scopeKey: keyString(r.scope_key),
      processInstanceKey: keyString(r.process_instance_key),
      tenantId: TENANT,
    }),
};

/** `GET /v2/variables/{key}`: the whole value. */
export const variable: EntitySpec<Row> = {
  ...variables,
  toItem: (r) =>
    withNulls({
      variableKey: keyString(r.key),
      name: r.name,
      value: r.value,
      scopeKey: keyString(r.scope_key),
      processInstanceKey: keyString(r.process_instance_key),
      tenantId: TENANT,
    }),
};
