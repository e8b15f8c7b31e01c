import { prepare, type Db } from './database';

export interface ProcessInstanceRow {
  key: number;
  process_definition_key: number;
  bpmn_process_id: string;
  version: number;
  state: string;
  start_time: number;
  end_time: number | null;
  parent_process_instance_key: number | null;
  parent_element_instance_key: number | null;
  incident_count: number;
  data: string | null;
}

export interface ElementInstanceRow {
  key: number;
  process_instance_key: number;
  process_definition_key: number;
  bpmn_process_id: string;
  element_id: string;
  element_type: string;
  flow_scope_key: number;
  state: string;
  start_time: number;
  end_time: number | null;
  incident_key: number | null;
  data: string | null;
}

export interface VariableRow {
  key: number;
  process_instance_key: number;
  scope_key: number;
  name: string;
  value: string;
}

export interface JobRow {
  key: number;
  type: string;
  state: string;
  process_instance_key: number;
  element_instance_key: number;
  element_id: string;
  bpmn_process_id: string;
  process_definition_key: number;
  process_definition_version: number;
  retries: number;
  worker: string | null;
  deadline: number | null;
  retry_at: number | null;
  custom_headers: string;
  error_message: string | null;
  error_code: string | null;
  creation_time: number;
  end_time: number | null;
}

/** Prepared statements for the rows that make up a process instance's state. */
export class InstanceRows {
  readonly insertInstance;
  readonly updateInstance;
  readonly selectInstance;
  readonly insertElement;
  readonly updateElement;
  readonly selectActiveElements;
  readonly upsertVariable;
  readonly selectVariables;
  readonly insertJob;
  readonly updateJob;
  readonly selectOpenJobs;
  readonly selectJobInstance;
  readonly selectElementInstance;

  constructor(db: Db) {
    this.insertInstance = prepare<
      [
        number,
        number,
        string,
        number,
        string,
        number,
        number | null,
        number | null,
        number | null,
        number,
        string | null,
      ]
    >(
      db,
      `INSERT INTO process_instance (key, process_definition_key, bpmn_process_id, version, state, start_time, end_time,
         parent_process_instance_key, parent_element_instance_key, incident_count, data) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
    );
    this.updateInstance = prepare<[string, number | null, number, string | null, number]>(
      db,
      'UPDATE process_instance SET state = ?, end_time = ?, incident_count = ?, data = ? WHERE key = ?',
    );
    this.selectInstance = prepare<[number], ProcessInstanceRow>(
      db,
      'SELECT * FROM process_instance WHERE key = ?',
    );
    this.insertElement = prepare<
      [
        number,
        number,
        number,
        string,
        string,
        string,
        number,
        string,
        number,
        number | null,
        number | null,
        string | null,
      ]
    >(
      db,
      `INSERT INTO element_instance (key, process_instance_key, process_definition_key, bpmn_process_id, element_id,
         element_type, flow_scope_key, state, start_time, end_time, incident_key, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    this.updateElement = prepare<[string, number | null, number | null, string | null, number]>(
      db,
      'UPDATE element_instance SET state = ?, end_time = ?, incident_key = ?, data = ? WHERE key = ?',
    );
    this.selectActiveElements = prepare<[number], ElementInstanceRow>(
      db,
      `SELECT * FROM element_instance WHERE process_instance_key = ?
         AND state <> 'COMPLETED' AND state <> 'TERMINATED' ORDER BY key`,
    );
    this.upsertVariable = prepare<[number, number, number, string, string]>(
      db,
      `INSERT INTO variable (key, process_instance_key, scope_key, name, value) VALUES (?,?,?,?,?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
    this.selectVariables = prepare<[number], VariableRow>(
      db,
      'SELECT * FROM variable WHERE process_instance_key = ?',
    );
    this.insertJob = prepare<
      [
        number,
        string,
        string,
        number,
        number,
        string,
        string,
        number,
        number,
        number,
        string | null,
        number | null,
        number | null,
        string,
        string | null,
        string | null,
        number,
        number | null,
      ]
    >(
      db,
      `INSERT INTO job (key, type, state, process_instance_key, element_instance_key, element_id, bpmn_process_id,
         process_definition_key, process_definition_version, retries, worker, deadline, retry_at, custom_headers,
         error_message, error_code, creation_time, end_time) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    this.updateJob = prepare<
      [
        string,
        number,
        string | null,
        number | null,
        number | null,
        string | null,
        string | null,
        number | null,
        number,
      ]
    >(
      db,
      `UPDATE job SET state = ?, retries = ?, worker = ?, deadline = ?, retry_at = ?, error_message = ?, error_code = ?,
         end_time = ? WHERE key = ?`,
    );
    this.selectOpenJobs = prepare<[number], JobRow>(
      db,
      `SELECT * FROM job WHERE process_instance_key = ? AND state <> 'COMPLETED' AND state <> 'CANCELED'`,
    );
    this.selectJobInstance = prepare<[number], { process_instance_key: number; state: string }>(
      db,
      'SELECT process_instance_key, state FROM job WHERE key = ?',
    );
    this.selectElementInstance = prepare<[number], { process_instance_key: number }>(
      db,
      'SELECT process_instance_key FROM element_instance WHERE key = ?',
    );
  }
}
