import * as path from 'node:path';
import { readOnly } from './store-invariants';

export interface IncidentRow {
  key: string;
  jobKey: string | null;
  elementId: string;
  state: string;
  errorMessage: string;
  processInstanceKey: string;
}

/**
 * The engine's incidents, read from `<data>/engine/engine.db` read-only (the engine's Camunda v2
 * read API is not there yet; engine/README.md lists this table for readers).
 */
export function engineIncidents(dataDir: string): IncidentRow[] {
  const db = readOnly(path.join(dataDir, 'engine', 'engine.db'));
  try {
    return db
      .prepare(
        `SELECT CAST(key AS TEXT) AS key, CAST(job_key AS TEXT) AS jobKey, element_id AS elementId, state,
                error_message AS errorMessage, CAST(process_instance_key AS TEXT) AS processInstanceKey
         FROM incident ORDER BY key`,
      )
      .all() as IncidentRow[];
  } finally {
    db.close();
  }
}

/** Error messages of the latest failures of a job type (what the worker said when it failed). */
export function jobFailures(dataDir: string, type: string): string[] {
  const db = readOnly(path.join(dataDir, 'engine', 'engine.db'));
  try {
    return (
      db
        .prepare('SELECT error_message AS m FROM job WHERE type = ? AND error_message IS NOT NULL')
        .all(type) as Array<{ m: string }>
    ).map((r) => r.m);
  } finally {
    db.close();
  }
}
