import { TENANT } from '../runtime/jobs';
import { prepare, type Db, type Stmt } from '../state/database';
import { FormRows, type FormRow } from '../state/form-rows';
import type { KeyGenerator } from '../state/key-generator';
import type { DeploymentItem, FormMetadata, Resource } from './deploy';

export type { FormMetadata } from './deploy';

/** How a user task names its form (`zeebe:formDefinition formId` + `bindingType`). */
export interface FormBinding {
  formId: string;
  bindingType: 'latest' | 'deployment' | 'versionTag';
  versionTag?: string;
}

/**
 * Camunda Forms (`.form`, JSON with a top-level `id`): deployed atomically with the other
 * resources, versioned by form id (identical content under the same resource name returns the
 * existing version), found by a user task's binding.
 */
export class Forms {
  private readonly rows: FormRows;
  /** Zeebe never reuses a version, not even a deleted one. */
  private readonly deletedVersion: Stmt<[string, string], { v: number | null }>;

  constructor(
    db: Db,
    private readonly keys: KeyGenerator,
  ) {
    this.rows = new FormRows(db);
    this.deletedVersion = prepare(
      db,
      'SELECT MAX(version) AS v FROM deleted_resource WHERE kind = ? AND resource_id = ?',
    );
  }

  /** Validates a .form resource; returns an error message, or a function that stores it. */
  prepare(
    resource: Resource,
    checksum: string,
  ): string | ((deploymentKey: number, now: number) => DeploymentItem[]) {
    let json: unknown;
    try {
      json = JSON.parse(resource.content);
    } catch (e) {
      return `'${resource.name}': Failed to parse the form: it is not valid JSON (${(e as Error).message})`;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      return `'${resource.name}': Failed to parse the form: expected a JSON object (a Camunda Form)`;
    const form = json as { id?: unknown; versionTag?: unknown; components?: unknown };
    if (typeof form.id !== 'string' || form.id.trim() === '')
      return `'${resource.name}': Expected the form id to be filled, but it is ${form.id === undefined ? 'missing' : JSON.stringify(form.id)}`;
    if (form.components !== undefined && !Array.isArray(form.components))
      return `'${resource.name}': Expected the form's 'components' to be a list`;
    const versionTag = typeof form.versionTag === 'string' && form.versionTag ? form.versionTag : null;
    const formId = form.id;
    return (deploymentKey, now) => [
      { form: this.store(formId, versionTag, resource, checksum, deploymentKey, now) },
    ];
  }

  /** The form a user task's binding names, in the context of the process's deployment. */
  find(binding: FormBinding, deploymentKey: number): FormRow | undefined {
    if (binding.bindingType === 'deployment')
      return this.rows.inDeployment.get(binding.formId, deploymentKey);
    if (binding.bindingType === 'versionTag')
      return this.rows.byVersionTag.get(binding.formId, binding.versionTag ?? '');
    return this.rows.latest.get(binding.formId);
  }

  byKey(key: number): FormRow | undefined {
    return this.rows.byKey.get(key);
  }

  private store(
    formId: string,
    versionTag: string | null,
    resource: Resource,
    checksum: string,
    deploymentKey: number,
    now: number,
  ): FormMetadata {
    const latest = this.rows.latest.get(formId);
    if (latest && latest.checksum === checksum && latest.resource_name === resource.name)
      return metadata(latest);
    const key = this.keys.next();
    const version = Math.max(latest?.version ?? 0, this.deletedVersion.get('form', formId)?.v ?? 0) + 1;
    this.rows.insert.run(
      key,
      formId,
      version,
      versionTag,
      resource.name,
      checksum,
      resource.content,
      deploymentKey,
      now,
    );
    return { formId, version, formKey: String(key), resourceName: resource.name, tenantId: TENANT };
  }
}

const metadata = (row: FormRow): FormMetadata => ({
  formId: row.form_id,
  version: row.version,
  formKey: String(row.key),
  resourceName: row.resource_name,
  tenantId: TENANT,
});
