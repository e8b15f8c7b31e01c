import { prepare, type Db } from './database';

export interface IncidentRow {
  key: number;
  state: string;
  error_type: string;
  error_message: string;
  process_instance_key: number;
  process_definition_key: number;
  bpmn_process_id: string;
  element_instance_key: number;
  element_id: string;
  job_key: number | null;
  creation_time: number;
  resolve_time: number | null;
}

/** Prepared statements for incidents. */
export class IncidentRows {
  readonly insert;
  readonly resolve;
  readonly select;

  constructor(db: Db) {
    this.insert = prepare<
      [number, string, string, number, number, string, number, string, number | null, number]
    >(
      db,
      `INSERT INTO incident (key, state, error_type, error_message, process_instance_key, process_definition_key,
         bpmn_process_id, element_instance_key, element_id, job_key, creation_time) VALUES (?, 'ACTIVE', ?,?,?,?,?,?,?,?,?)`,
    );
    this.resolve = prepare<[number, number]>(
      db,
      "UPDATE incident SET state = 'RESOLVED', resolve_time = ? WHERE key = ?",
    );
    this.select = prepare<[number], IncidentRow>(db, 'SELECT * FROM incident WHERE key = ?');
  }
}
