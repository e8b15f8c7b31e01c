import { failedPrecondition, invalidArgument, notFound } from '../errors';
import type { ElementInstance } from '../runtime/instance-state';
import type { InstanceStore } from '../runtime/instance-store';
import type { RuntimeApi, UserTaskPort } from '../runtime/runtime-api';
import type { UserTaskSettings } from '../runtime/runtime-api';
import type { Variables } from '../runtime/variables';
import type { Db } from '../state/database';
import { UserTaskRows, type UserTaskRow } from '../state/user-task-rows';

/** What an update may change (absent or null = unchanged; an empty list or date clears it). */
export interface UserTaskChangeset {
  candidateGroups?: string[] | null;
  candidateUsers?: string[] | null;
  dueDate?: number | null | 'clear';
  followUpDate?: number | null | 'clear';
  priority?: number | null;
}

/**
 * Camunda user tasks as rows: created when the element is entered, CANCELED when it is
 * terminated, assigned, updated and COMPLETED by commands (the REST API's writes), which
 * complete the element with the given variables as a job completion does.
 */
export class UserTasks implements UserTaskPort {
  private readonly rows: UserTaskRows;

  constructor(
    db: Db,
    private readonly store: InstanceStore,
    private readonly complete: (ei: ElementInstance, variables: Variables) => void,
  ) {
    this.rows = new UserTaskRows(db);
  }

  create(rt: RuntimeApi, ei: ElementInstance, s: UserTaskSettings): void {
    const p = ei.instance.process;
    this.rows.insert.run({
      key: rt.keys.next(),
      state: 'CREATED',
      name: ei.element.name ?? null,
      element_id: ei.element.id,
      element_instance_key: ei.key,
      process_instance_key: ei.instance.key,
      process_definition_key: p.key,
      bpmn_process_id: p.bpmnProcessId,
      process_definition_version: p.version,
      assignee: s.assignee ?? null,
      candidate_groups: JSON.stringify(s.candidateGroups),
      candidate_users: JSON.stringify(s.candidateUsers),
      due_date: s.dueDate?.ms ?? null,
      follow_up_date: s.followUpDate?.ms ?? null,
      priority: s.priority,
      form_key: s.formKey !== undefined && /^\d+$/.test(s.formKey) ? Number(s.formKey) : null,
      external_form_reference: s.externalFormReference ?? null,
      custom_headers: JSON.stringify(s.headers),
      creation_date: rt.now,
    });
  }

  cancel(rt: RuntimeApi, ei: ElementInstance): void {
    const row = this.rows.byElement.get(ei.key);
    if (row) this.rows.end.run('CANCELED', rt.now, row.key);
  }

  /** Completes a task: the element completes with `variables` (which propagate as a job's do). */
  completeTask(key: number, variables: Variables, now: number): void {
    const row = this.open(key, 'complete');
    const ei = this.elementOf(row);
    this.rows.end.run('COMPLETED', now, key);
    this.complete(ei, variables);
  }

  assign(key: number, assignee: string, allowOverride: boolean): void {
    const row = this.open(key, 'assign');
    if (!assignee.trim()) throw invalidArgument('Expected an assignee, but it was blank');
    if (!allowOverride && row.assignee !== null && row.assignee !== assignee) {
      throw failedPrecondition(
        `Expected to assign user task with key '${key}' to '${assignee}', but it is already assigned to '${row.assignee}' and allowOverride is false`,
      );
    }
    this.rows.setAssignee.run(assignee, key);
  }

  unassign(key: number): void {
    this.open(key, 'unassign');
    this.rows.setAssignee.run(null, key);
  }

  update(key: number, c: UserTaskChangeset): void {
    const row = this.open(key, 'update');
    const date = (v: UserTaskChangeset['dueDate'], old: number | null) =>
      v === 'clear' ? null : v === undefined || v === null ? old : v;
    this.rows.update.run(
      c.candidateGroups ? JSON.stringify(c.candidateGroups) : row.candidate_groups,
      c.candidateUsers ? JSON.stringify(c.candidateUsers) : row.candidate_users,
      date(c.dueDate, row.due_date),
      date(c.followUpDate, row.follow_up_date),
      c.priority ?? row.priority,
      key,
    );
  }

  private open(key: number, verb: string): UserTaskRow {
    const row = this.rows.byKey.get(key);
    if (!row)
      throw notFound(`Expected to ${verb} user task with key '${key}', but no such user task was found`);
    if (row.state !== 'CREATED') {
      throw failedPrecondition(
        `Expected to ${verb} user task with key '${key}', but it is in state '${row.state}'`,
      );
    }
    return row;
  }

  private elementOf(row: UserTaskRow): ElementInstance {
    const ei = this.store.get(row.process_instance_key)?.elements.get(row.element_instance_key);
    if (!ei) throw notFound(`the element instance of user task '${row.key}' no longer exists`);
    return ei;
  }
}
