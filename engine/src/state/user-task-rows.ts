import { prepare, type Db } from './database';

/** A Camunda user task (`user_task` table); lists are JSON arrays, dates epoch ms. */
export interface UserTaskRow {
  key: number;
  state: 'CREATED' | 'COMPLETED' | 'CANCELED';
  name: string | null;
  element_id: string;
  element_instance_key: number;
  process_instance_key: number;
  process_definition_key: number;
  bpmn_process_id: string;
  process_definition_version: number;
  assignee: string | null;
  candidate_groups: string;
  candidate_users: string;
  due_date: number | null;
  follow_up_date: number | null;
  priority: number;
  form_key: number | null;
  external_form_reference: string | null;
  custom_headers: string;
  creation_date: number;
  completion_date: number | null;
}

/** Prepared statements of the `user_task` table. */
export class UserTaskRows {
  readonly insert;
  readonly byKey;
  readonly byElement;
  readonly end;
  readonly setAssignee;
  readonly update;

  constructor(db: Db) {
    this.insert = prepare<[Omit<UserTaskRow, 'completion_date'>]>(
      db,
      `INSERT INTO user_task (key, state, name, element_id, element_instance_key, process_instance_key,
         process_definition_key, bpmn_process_id, process_definition_version, assignee, candidate_groups,
         candidate_users, due_date, follow_up_date, priority, form_key, external_form_reference, custom_headers,
         creation_date)
       VALUES (@key, @state, @name, @element_id, @element_instance_key, @process_instance_key,
         @process_definition_key, @bpmn_process_id, @process_definition_version, @assignee, @candidate_groups,
         @candidate_users, @due_date, @follow_up_date, @priority, @form_key, @external_form_reference,
         @custom_headers, @creation_date)`,
    );
    this.byKey = prepare<[number], UserTaskRow>(db, 'SELECT * FROM user_task WHERE key = ?');
    this.byElement = prepare<[number], UserTaskRow>(
      db,
      "SELECT * FROM user_task WHERE element_instance_key = ? AND state = 'CREATED'",
    );
    this.end = prepare<[string, number, number]>(
      db,
      'UPDATE user_task SET state = ?, completion_date = ? WHERE key = ?',
    );
    this.setAssignee = prepare<[string | null, number]>(
      db,
      'UPDATE user_task SET assignee = ? WHERE key = ?',
    );
    this.update = prepare<[string, string, number | null, number | null, number, number]>(
      db,
      `UPDATE user_task SET candidate_groups = ?, candidate_users = ?, due_date = ?, follow_up_date = ?, priority = ?
       WHERE key = ?`,
    );
  }
}
