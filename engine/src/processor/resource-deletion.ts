import { failedPrecondition, notFound } from '../errors';
import type { ExecutableProcess } from '../model/executable-process';
import { prepare, type Db } from '../state/database';
import type { DefinitionStore } from '../state/definition-store';
import type { EventRows } from '../state/event-rows';

export interface ResourceDeletionDeps {
  db: Db;
  definitions: DefinitionStore;
  eventRows: EventRows;
  /** Cancels a running root process instance (as CancelProcessInstance does). */
  cancelInstance(key: number): void;
  /** Opens the start events of the version that became the latest. */
  openStartEvents(process: ExecutableProcess, now: number): void;
  /** Forgets cached decision models after their rows are gone. */
  forgetDecisions(): void;
}

/**
 * DeleteResource, as the 8.8 gateway protocol documents it: a process definition (its running
 * instances are cancelled, its start events closed, the previous version becomes the latest and
 * takes over the start events), a decision requirements graph with its decisions, or a form.
 * Versions are never reused: the deleted version is remembered.
 */
export class ResourceDeletion {
  private readonly statements;

  constructor(private readonly deps: ResourceDeletionDeps) {
    const { db } = deps;
    this.statements = {
      process: prepare<[number], { key: number; bpmn_process_id: string; version: number }>(
        db,
        'SELECT key, bpmn_process_id, version FROM process_definition WHERE key = ?',
      ),
      drg: prepare<[number], { key: number; decision_requirements_id: string; version: number }>(
        db,
        'SELECT key, decision_requirements_id, version FROM decision_requirements WHERE key = ?',
      ),
      form: prepare<[number], { key: number; form_id: string; version: number }>(
        db,
        'SELECT key, form_id, version FROM form WHERE key = ?',
      ),
      runningInstances: prepare<[number], { key: number; parent_process_instance_key: number | null }>(
        db,
        "SELECT key, parent_process_instance_key FROM process_instance WHERE process_definition_key = ? AND state = 'ACTIVE'",
      ),
      decisionsOf: prepare<[number], { key: number; decision_id: string; version: number }>(
        db,
        'SELECT key, decision_id, version FROM decision WHERE decision_requirements_key = ?',
      ),
      remember: prepare<[number, string, string, number, number]>(
        db,
        'INSERT OR REPLACE INTO deleted_resource (key, kind, resource_id, version, delete_time) VALUES (?, ?, ?, ?, ?)',
      ),
      deleteProcess: prepare<[number]>(db, 'DELETE FROM process_definition WHERE key = ?'),
      deleteDrg: prepare<[number]>(db, 'DELETE FROM decision_requirements WHERE key = ?'),
      deleteDecisions: prepare<[number]>(db, 'DELETE FROM decision WHERE decision_requirements_key = ?'),
      deleteForm: prepare<[number]>(db, 'DELETE FROM form WHERE key = ?'),
    };
  }

  delete(key: number, now: number): void {
    const s = this.statements;
    const process = s.process.get(key);
    if (process) return this.deleteProcess(process, now);
    const drg = s.drg.get(key);
    if (drg) {
      for (const d of s.decisionsOf.all(key))
        s.remember.run(d.key, 'decision', d.decision_id, d.version, now);
      s.remember.run(key, 'decisionRequirements', drg.decision_requirements_id, drg.version, now);
      s.deleteDecisions.run(key);
      s.deleteDrg.run(key);
      this.deps.forgetDecisions();
      return;
    }
    const form = s.form.get(key);
    if (form) {
      s.remember.run(key, 'form', form.form_id, form.version, now);
      s.deleteForm.run(key);
      return;
    }
    throw notFound(`Expected to delete resource but no resource found with key \`${key}\``);
  }

  private deleteProcess(p: { key: number; bpmn_process_id: string; version: number }, now: number): void {
    const { definitions, eventRows } = this.deps;
    const s = this.statements;
    const running = s.runningInstances.all(p.key);
    const called = running.find((r) => r.parent_process_instance_key !== null);
    if (called) {
      throw failedPrecondition(
        `Expected to delete process definition with key '${p.key}', but instance '${called.key}' of it was called by ` +
          `process instance '${called.parent_process_instance_key}'; cancel that root instance first`,
      );
    }
    for (const r of running) this.deps.cancelInstance(r.key);
    const wasLatest = definitions.latestRow(p.bpmn_process_id)?.key === p.key;
    if (wasLatest) {
      eventRows.deleteStartSubscriptions.run(p.bpmn_process_id);
      for (const t of eventRows.selectStartTimers.all(p.key)) eventRows.deleteTimer.run(t.key);
    }
    s.remember.run(p.key, 'process', p.bpmn_process_id, p.version, now);
    s.deleteProcess.run(p.key);
    definitions.forget(p.key, p.bpmn_process_id);
    if (wasLatest) {
      const previous = definitions.latest(p.bpmn_process_id);
      if (previous) this.deps.openStartEvents(previous, now);
    }
  }
}
