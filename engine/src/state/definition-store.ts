import { prepare, type Db } from './database';
import { ExecutableProcess } from '../model/executable-process';
import { MODEL_FORMAT, type ProcessModel } from '../model/process-model';
import { readBpmn } from '../model/read-bpmn';

export interface ProcessDefinitionRow {
  key: number;
  bpmn_process_id: string;
  name: string | null;
  version: number;
  version_tag: string | null;
  resource_name: string;
  checksum: string;
  model: string;
  model_format: number;
  deployment_key: number;
  deploy_time: number;
}

const COLUMNS =
  'key, bpmn_process_id, name, version, version_tag, resource_name, checksum, model, model_format, deployment_key, deploy_time';

/**
 * Deployed process definitions. Models are rebuilt from their stored JSON on first use and kept:
 * there are few definitions and every instance of one shares the same immutable model.
 */
export class DefinitionStore {
  private readonly byKey = new Map<number, ExecutableProcess>();
  private readonly latestKey = new Map<string, number>();
  private readonly selectByKey;
  private readonly selectLatest;
  private readonly selectVersion;
  private readonly selectVersionTag;
  private readonly selectDeployment;
  private readonly insertRow;
  private readonly selectResource;
  private readonly selectIdsOfResource;
  private readonly updateModel;

  constructor(db: Db) {
    this.selectByKey = prepare<[number], ProcessDefinitionRow>(
      db,
      `SELECT ${COLUMNS} FROM process_definition WHERE key = ?`,
    );
    this.selectLatest = prepare<[string], ProcessDefinitionRow>(
      db,
      `SELECT ${COLUMNS} FROM process_definition WHERE bpmn_process_id = ? ORDER BY version DESC LIMIT 1`,
    );
    this.selectVersion = prepare<[string, number], ProcessDefinitionRow>(
      db,
      `SELECT ${COLUMNS} FROM process_definition WHERE bpmn_process_id = ? AND version = ?`,
    );
    this.selectVersionTag = prepare<[string, string], ProcessDefinitionRow>(
      db,
      `SELECT ${COLUMNS} FROM process_definition WHERE bpmn_process_id = ? AND version_tag = ? ORDER BY version DESC LIMIT 1`,
    );
    this.selectDeployment = prepare<[string, number], ProcessDefinitionRow>(
      db,
      `SELECT ${COLUMNS} FROM process_definition WHERE bpmn_process_id = ? AND deployment_key = ?`,
    );
    this.selectIdsOfResource = prepare<[string, string], { bpmn_process_id: string }>(
      db,
      'SELECT DISTINCT bpmn_process_id FROM process_definition WHERE resource_name = ? AND checksum = ?',
    );
    this.selectResource = prepare<[number], { resource: string }>(
      db,
      'SELECT resource FROM process_definition WHERE key = ?',
    );
    this.updateModel = prepare<[string, number, number]>(
      db,
      'UPDATE process_definition SET model = ?, model_format = ? WHERE key = ?',
    );
    this.insertRow = prepare(
      db,
      `INSERT INTO process_definition (key, bpmn_process_id, name, version, version_tag, resource_name, checksum,
         resource, model, model_format, deployment_key, deploy_time) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
  }

  /** Forgets a deleted definition (its row is gone; the next latest is read again). */
  forget(key: number, bpmnProcessId: string): void {
    this.byKey.delete(key);
    this.latestKey.delete(bpmnProcessId);
  }

  byDefinitionKey(key: number): ExecutableProcess | undefined {
    const cached = this.byKey.get(key);
    if (cached) return cached;
    const row = this.selectByKey.get(key);
    return row ? this.build(row) : undefined;
  }

  /**
   * The latest rows of the processes deployed from this very resource (same name and content), when
   * each of them is still its process's latest version; undefined otherwise (never deployed, or a
   * process of it has a newer version since).
   */
  latestOfResource(resourceName: string, checksum: string): ProcessDefinitionRow[] | undefined {
    const ids = this.selectIdsOfResource.all(resourceName, checksum);
    if (ids.length === 0) return undefined;
    const rows = ids.map((r) => this.selectLatest.get(r.bpmn_process_id));
    return rows.every((r) => r && r.checksum === checksum && r.resource_name === resourceName)
      ? (rows as ProcessDefinitionRow[])
      : undefined;
  }

  /** Row of the latest version of a process id (no model build). */
  latestRow(bpmnProcessId: string): ProcessDefinitionRow | undefined {
    return this.selectLatest.get(bpmnProcessId);
  }

  latest(bpmnProcessId: string): ExecutableProcess | undefined {
    const key = this.latestKey.get(bpmnProcessId);
    if (key !== undefined) return this.byDefinitionKey(key);
    const row = this.selectLatest.get(bpmnProcessId);
    if (!row) return undefined;
    this.latestKey.set(bpmnProcessId, row.key);
    return this.build(row);
  }

  version(bpmnProcessId: string, version: number): ExecutableProcess | undefined {
    const row = this.selectVersion.get(bpmnProcessId, version);
    return row ? (this.byKey.get(row.key) ?? this.build(row)) : undefined;
  }

  versionTag(bpmnProcessId: string, tag: string): ExecutableProcess | undefined {
    const row = this.selectVersionTag.get(bpmnProcessId, tag);
    return row ? (this.byKey.get(row.key) ?? this.build(row)) : undefined;
  }

  inDeployment(bpmnProcessId: string, deploymentKey: number): ExecutableProcess | undefined {
    const row = this.selectDeployment.get(bpmnProcessId, deploymentKey);
    return row ? (this.byKey.get(row.key) ?? this.build(row)) : undefined;
  }

  insert(
    row: Omit<ProcessDefinitionRow, 'model'> & { model: ProcessModel; resource: string },
  ): ExecutableProcess {
    const modelJson = JSON.stringify(row.model);
    this.insertRow.run(
      row.key,
      row.bpmn_process_id,
      row.name,
      row.version,
      row.version_tag,
      row.resource_name,
      row.checksum,
      row.resource,
      modelJson,
      row.model_format,
      row.deployment_key,
      row.deploy_time,
    );
    this.latestKey.set(row.bpmn_process_id, row.key);
    return this.build({ ...row, model: modelJson });
  }

  /** Forgets cached lookups (after a rolled-back transaction). */
  reset(): void {
    this.byKey.clear();
    this.latestKey.clear();
  }

  private build(row: ProcessDefinitionRow): ExecutableProcess {
    if (row.model_format !== MODEL_FORMAT) row = this.upgrade(row);
    const process = new ExecutableProcess(
      {
        key: row.key,
        bpmnProcessId: row.bpmn_process_id,
        version: row.version,
        ...(row.version_tag ? { versionTag: row.version_tag } : {}),
        deploymentKey: row.deployment_key,
      },
      JSON.parse(row.model) as ProcessModel,
    );
    this.byKey.set(row.key, process);
    return process;
  }

  /** A model stored by an older engine is rebuilt from the deployed XML (on first use, not at start). */
  private upgrade(row: ProcessDefinitionRow): ProcessDefinitionRow {
    const resource = this.selectResource.get(row.key)?.resource ?? '';
    const read = readBpmn(resource, row.resource_name);
    const model = read.ok ? read.processes.find((p) => p.bpmnProcessId === row.bpmn_process_id) : undefined;
    if (!model)
      throw new Error(`process definition ${row.key} cannot be rebuilt from its XML by this engine`);
    const json = JSON.stringify(model);
    this.updateModel.run(json, MODEL_FORMAT, row.key);
    return { ...row, model: json, model_format: MODEL_FORMAT };
  }
}
