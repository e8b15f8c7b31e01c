import type { EntitySpec } from '../search/entity-spec';
import { withNulls, keyString, TENANT, TENANT_COLUMN } from './item';
import type { ProcessDefinitionRow } from '../../state/definition-store';

type Row = Pick<
  ProcessDefinitionRow,
  'key' | 'bpmn_process_id' | 'name' | 'version' | 'version_tag' | 'resource_name'
>;

/** `/v2/process-definitions`: deployed process versions (the XML only through `/xml`). */
export const processDefinitions: EntitySpec<Row> = {
  name: 'process definitions',
  select: 'pd.key, pd.bpmn_process_id, pd.name, pd.version, pd.version_tag, pd.resource_name',
  from: 'process_definition pd',
  key: 'pd.key',
  fields: {
    processDefinitionKey: { column: 'pd.key', kind: 'key' },
    processDefinitionId: { column: 'pd.bpmn_process_id', kind: 'string' },
    name: { column: 'pd.name', kind: 'string', nullable: true },
    resourceName: { column: 'pd.resource_name', kind: 'string' },
    version: { column: 'pd.version', kind: 'int' },
    versionTag: { column: 'pd.version_tag', kind: 'string', nullable: true },
    tenantId: { column: TENANT_COLUMN, kind: 'string' },
    isLatestVersion: {
      column:
        'pd.version = (SELECT MAX(p2.version) FROM process_definition p2 WHERE p2.bpmn_process_id = pd.bpmn_process_id)',
      kind: 'bool',
      sortable: false,
    },
    // forms are refused on deploy, so no process has a start form
    hasStartForm: { column: '0', kind: 'bool', sortable: false },
  },
  toItem: (r) =>
    withNulls({
      processDefinitionKey: keyString(r.key),
      processDefinitionId: r.bpmn_process_id,
      name: r.name,
      resourceName: r.resource_name,
      version: r.version,
      versionTag: r.version_tag,
      tenantId: TENANT,
      hasStartForm: false,
      // a deleted definition leaves the table (8.9's DRAINING / DELETED are not kept)
      state: 'ACTIVE',
    }),
};
