import { prepare, type Db } from './database';

/** A deployed Camunda Form (`form` table). */
export interface FormRow {
  key: number;
  form_id: string;
  version: number;
  version_tag: string | null;
  resource_name: string;
  checksum: string;
  resource: string;
  deployment_key: number;
  deploy_time: number;
}

/** Prepared statements of the `form` table. */
export class FormRows {
  readonly insert;
  readonly latest;
  readonly byKey;
  readonly byVersionTag;
  readonly inDeployment;

  constructor(db: Db) {
    this.insert = prepare<[number, string, number, string | null, string, string, string, number, number]>(
      db,
      `INSERT INTO form (key, form_id, version, version_tag, resource_name, checksum, resource, deployment_key, deploy_time)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.latest = prepare<[string], FormRow>(
      db,
      'SELECT * FROM form WHERE form_id = ? ORDER BY version DESC LIMIT 1',
    );
    this.byKey = prepare<[number], FormRow>(db, 'SELECT * FROM form WHERE key = ?');
    this.byVersionTag = prepare<[string, string], FormRow>(
      db,
      'SELECT * FROM form WHERE form_id = ? AND version_tag = ? ORDER BY version DESC LIMIT 1',
    );
    this.inDeployment = prepare<[string, number], FormRow>(
      db,
      'SELECT * FROM form WHERE form_id = ? AND deployment_key = ?',
    );
  }
}
