import { prepare, type Db } from './database';

export interface DecisionRequirementsRow {
  key: number;
  decision_requirements_id: string;
  name: string | null;
  version: number;
  resource_name: string;
  checksum: string;
  resource: string;
  deployment_key: number;
  deploy_time: number;
}

export interface DecisionRow {
  key: number;
  decision_id: string;
  name: string | null;
  version: number;
  version_tag: string | null;
  decision_requirements_key: number;
  decision_requirements_id: string;
  deployment_key: number;
}

/** Prepared statements for deployed decisions and their evaluations. */
export class DecisionRows {
  readonly insertRequirements;
  readonly latestRequirements;
  readonly requirementsOfResource;
  readonly requirementsByKey;
  readonly insertDecision;
  readonly latestDecision;
  readonly decisionByKey;
  readonly decisionByVersionTag;
  readonly decisionInDeployment;
  readonly decisionsOfRequirements;
  readonly insertInstance;

  constructor(db: Db) {
    this.insertRequirements = prepare<
      [number, string, string | null, number, string, string, string, number, number]
    >(
      db,
      `INSERT INTO decision_requirements (key, decision_requirements_id, name, version, resource_name, checksum, resource,
         deployment_key, deploy_time) VALUES (?,?,?,?,?,?,?,?,?)`,
    );
    this.latestRequirements = prepare<[string], DecisionRequirementsRow>(
      db,
      'SELECT * FROM decision_requirements WHERE decision_requirements_id = ? ORDER BY version DESC LIMIT 1',
    );
    this.requirementsOfResource = prepare<[string, string], DecisionRequirementsRow>(
      db,
      'SELECT * FROM decision_requirements WHERE resource_name = ? AND checksum = ? ORDER BY version DESC LIMIT 1',
    );
    this.requirementsByKey = prepare<[number], DecisionRequirementsRow>(
      db,
      'SELECT * FROM decision_requirements WHERE key = ?',
    );
    this.insertDecision = prepare<
      [number, string, string | null, number, string | null, number, string, number]
    >(
      db,
      `INSERT INTO decision (key, decision_id, name, version, version_tag, decision_requirements_key, decision_requirements_id,
         deployment_key) VALUES (?,?,?,?,?,?,?,?)`,
    );
    this.latestDecision = prepare<[string], DecisionRow>(
      db,
      'SELECT * FROM decision WHERE decision_id = ? ORDER BY version DESC LIMIT 1',
    );
    this.decisionByKey = prepare<[number], DecisionRow>(db, 'SELECT * FROM decision WHERE key = ?');
    this.decisionByVersionTag = prepare<[string, string], DecisionRow>(
      db,
      'SELECT * FROM decision WHERE decision_id = ? AND version_tag = ? ORDER BY version DESC LIMIT 1',
    );
    this.decisionInDeployment = prepare<[string, number], DecisionRow>(
      db,
      'SELECT * FROM decision WHERE decision_id = ? AND deployment_key = ?',
    );
    this.decisionsOfRequirements = prepare<[number], DecisionRow>(
      db,
      'SELECT * FROM decision WHERE decision_requirements_key = ?',
    );
    this.insertInstance = prepare<
      [
        number,
        string,
        number,
        string,
        number,
        number,
        number | null,
        number | null,
        string | null,
        number,
        string | null,
        string,
        string | null,
      ]
    >(
      db,
      `INSERT INTO decision_instance (key, state, decision_key, decision_id, decision_version, decision_requirements_key,
         process_instance_key, element_instance_key, element_id, evaluation_time, output, evaluated_decisions, failure_message)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
  }
}
